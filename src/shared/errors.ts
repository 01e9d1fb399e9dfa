/** Error codes shared by the server and the web apps. The HTTP status lives beside each code. */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  answers_incomplete: 422,
  /** A requested appointment time the rules refuse (the reason says which rule). */
  slot_unavailable: 422,
  email_taken: 409,
  slug_taken: 409,
  signup_closed: 403,
  setup_done: 409,
  token_invalid: 400,
  portal_off: 409,
  portal_unavailable: 403,
  link_problem: 400,
  code_invalid: 400,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  files_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the field, e.g. `emails.1.address`. */
  field: string;
  message: string;
}

/**
 * What already holds a clinician's time, named in a 409 whose reason is `time_taken` when staff
 * book (the calendar warns with them and staff may confirm to book anyway).
 */
export interface TimeConflict {
  kind: 'appointment' | 'request';
  id: string;
  startsAt: string;
  endsAt: string;
}

export interface ErrorBody {
  /** `reason` refines a code, e.g. why a sign-in link did not work. */
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    reason?: string;
    /** With reason `time_taken` on a staff booking: what the time overlaps. */
    conflicts?: TimeConflict[];
  };
}
