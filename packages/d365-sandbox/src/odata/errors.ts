/** .NET exception types F&O names in `innererror.type`. */
export const ODATA_EXCEPTION = 'Microsoft.OData.ODataException';
export const WRITE_EXCEPTION = 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';
export const ACTION_EXCEPTION = 'System.Reflection.TargetInvocationException';

/** An error answered with F&O's envelope: empty code, generic message, the real text in innererror. */
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly inner: string,
    readonly type: string = ODATA_EXCEPTION,
    readonly headers: Record<string, string> = {},
  ) {
    super(inner);
  }
}

/** The JSON body F&O writes for an error (FNO-ODATA.md §6). */
export function errorBody(err: ODataError): string {
  return JSON.stringify({
    error: {
      code: '',
      message: 'An error has occurred.',
      innererror: {
        message: err.inner,
        type: err.type,
        stacktrace: `   at Microsoft.Dynamics.Platform.Integration.Services.OData.Sandbox (${err.type})`,
      },
    },
  });
}

/** 400 for a malformed request or query. */
export const badRequest = (msg: string): ODataError => new ODataError(400, msg);
/** 404 for an unknown resource. */
export const notFound = (msg: string): ODataError => new ODataError(404, msg);
