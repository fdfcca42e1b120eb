/** One invalid field of a request, as listed in a problem document. */
export interface FieldError {
  /** The field name, e.g. "username" (nested fields use dots: "alerts.email"). */
  path: string;
  message: string;
}

/** An RFC 9457 problem document, as the API answers every error. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Normalizes a field path: "/body/username", "body.username" and ["username"] all become "username". */
function normalizePath(path: unknown): string {
  const raw = Array.isArray(path) ? path.join(".") : String(path ?? "");
  const trimmed = raw.replace(/^[/.]+/, "").replaceAll("/", ".");
  return trimmed.replace(/^body\./, "");
}

function parseFieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors: FieldError[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.message === "string") {
      errors.push({ path: normalizePath(item.path), message: item.message });
    }
  }
  return errors;
}

/** Seconds from a `Retry-After` header: either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const GENERIC_TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Invalid request",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
};

/** A non-2xx answer from the API, carrying its problem document. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly problem: ProblemDocument;
  /** Seconds from `Retry-After` (on 429 and 503), when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(problem: ProblemDocument, retryAfter?: number) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Human-readable explanation: the problem's `detail`, else its `title`. */
  get detail(): string {
    return this.problem.detail || this.problem.title;
  }

  get errors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** Field path → first message, to put each message under its input. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      if (!(e.path in out)) out[e.path] = e.message;
    }
    return out;
  }

  /**
   * Builds the error from a non-2xx response. Reads the body as a problem
   * document when it is one, and falls back to a generic document otherwise
   * (a proxy's HTML error page, an empty body).
   */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return new ApiError(
      ApiError.toProblem(response.status, response.statusText, body),
      parseRetryAfter(response.headers.get("Retry-After")),
    );
  }

  /** Coerces whatever the server sent into a problem document for `status`. */
  static toProblem(status: number, statusText: string, body: unknown): ProblemDocument {
    const fallbackTitle = GENERIC_TITLES[status] ?? (statusText || `HTTP ${status}`);
    if (!isRecord(body)) {
      return { type: "about:blank", title: fallbackTitle, status, detail: fallbackTitle };
    }
    const title = typeof body.title === "string" && body.title ? body.title : fallbackTitle;
    const detail =
      typeof body.detail === "string" && body.detail
        ? body.detail
        : typeof body.message === "string" && body.message
          ? body.message
          : title;
    const problem: ProblemDocument = {
      type: typeof body.type === "string" ? body.type : "about:blank",
      title,
      status,
      detail,
    };
    const errors = parseFieldErrors(body.errors);
    if (errors && errors.length > 0) problem.errors = errors;
    return problem;
  }
}

/** Thrown when the request never got an answer (offline, DNS, server down). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(cause: unknown) {
    super("Could not reach the server. Check your connection and try again.", { cause });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A sentence to show a user for any error thrown by the client. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
