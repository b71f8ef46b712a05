import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onSessionLost } from './api/client.js';
import { useSession } from './api/session.js';
import { LoginPage } from './auth/login-page.js';
import { SetupPage } from './auth/setup-page.js';
import { SIGNED_IN_AGAIN_PATH, SignInAgain } from './auth/sign-in-again.js';
import { ComponentsPage } from './components-page/components-page.js';
import { ComponentEditorPage } from './editor/component-editor-page.js';
import { ExecutionsPage } from './executions/executions-page.js';
import { ErrorBoundary } from './frame/error-boundary.js';
import { Frame } from './frame/frame.js';
import { ProcessesPage } from './frame/processes-page.js';
import { Failed, Loading } from './frame/status.js';
import { UsersPage } from './users/users-page.js';

// An execution's page draws its process with React Flow and the engine: loaded when first opened,
// not with the lists a session starts on.
const ExecutionDetailPage = lazy(() =>
  import('./executions/execution-detail-page.js').then((m) => ({ default: m.ExecutionDetailPage })),
);

export function App() {
  const session = useSession();
  const location = useLocation();
  /**
   * The session ended while a page was open (see `onSessionLost`). Put off with "Not now", signing in
   * again is asked for at the next change the person tries, not at every reload of the page's lists.
   */
  const [lost, setLost] = useState<'asking' | 'put off'>();
  useEffect(
    () => onSessionLost((change) => setLost((was) => (was === 'put off' && !change ? was : 'asking'))),
    [],
  );
  const setupToken =
    location.pathname === '/setup' ? new URLSearchParams(location.search).get('token') : null;

  if (session.isPending) return <Loading what="Flowline" />;
  if (session.isError)
    return <Failed what="Flowline" error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return setupToken ? <SetupPage token={setupToken} /> : <LoginPage />;
  return (
    <Frame user={session.data.user}>
      <Routes>
        <Route path="/" element={<Navigate to="/components" replace />} />
        <Route path="/setup" element={<Navigate to="/components" replace />} />
        <Route path="/components" element={<ComponentsPage />} />
        <Route path="/components/:id" element={<ComponentEditorPage />} />
        <Route path="/processes" element={<ProcessesPage />} />
        <Route path="/executions" element={<ExecutionsPage />} />
        <Route
          path="/executions/:id"
          element={
            <ErrorBoundary what="execution page">
              <Suspense fallback={<Loading what="the execution" />}>
                <ExecutionDetailPage />
              </Suspense>
            </ErrorBoundary>
          }
        />
        <Route path="/users" element={<UsersPage me={session.data.user} />} />
        <Route
          path={SIGNED_IN_AGAIN_PATH}
          element={
            <p role="status">
              You are signed in again: close this tab and carry on in the one you were working in.
            </p>
          }
        />
        <Route path="*" element={<p role="alert">This page does not exist.</p>} />
      </Routes>
      {lost === 'asking' && (
        <SignInAgain
          user={session.data.user}
          onSignedIn={() => setLost(undefined)}
          onDismiss={() => setLost('put off')}
        />
      )}
    </Frame>
  );
}
