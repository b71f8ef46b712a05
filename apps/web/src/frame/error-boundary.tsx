import { Component, type ReactNode } from 'react';

/**
 * A part of the app loaded when first opened (the canvas, the map editor) that the server no longer
 * has: the page was opened before Flowline was upgraded. Chromium, Firefox and Safari word it so.
 */
export function isStaleAppPart(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed/i.test(error.message);
}

/** Keeps a crash in one part of a page from blanking the screen; says what failed and offers a retry. */
export class ErrorBoundary extends Component<{ what: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (isStaleAppPart(error)) {
      // Trying again would meet the same missing file: only the new version's page has its parts.
      return (
        <div role="alert" className="status error">
          <p>
            The {this.props.what} could not load: Flowline was updated since this page was opened. Reload the
            page to use the new version; what you have not saved yet is kept as a draft and offered back.
          </p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      );
    }
    return (
      <div role="alert" className="status error">
        <p>
          The {this.props.what} failed: {error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
