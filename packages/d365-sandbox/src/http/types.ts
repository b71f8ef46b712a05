/** A request as the router sees it, whether it came over HTTP or from inside a $batch. */
export interface SimpleRequest {
  method: string;
  /** Path and query, e.g. `/data/CustomersV3?$top=1`. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** A response before it is written. */
export interface SimpleResponse {
  status: number;
  headers: Record<string, string>;
  /** A list of buffers is written in order (large pages from cached records). */
  body?: string | Buffer | Buffer[];
}

/** Who is calling: the registered F&O user of the token's app. */
export interface CallerContext {
  clientId: string;
  defaultCompany: string;
  /** Environment URL the request reached (no trailing slash), for absolute links. */
  base: string;
}
