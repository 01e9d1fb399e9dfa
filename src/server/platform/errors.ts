import { errorStatus, type ErrorCode, type FieldError, type TimeConflict } from '../../shared/errors.js';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
    readonly reason?: string,
    /** What a refused booking overlaps (409 `time_taken`, for staff). */
    readonly conflicts?: TimeConflict[],
  ) {
    super(message ?? defaultMessages[code]);
    this.status = errorStatus[code];
  }
}

const defaultMessages: Record<ErrorCode, string> = {
  validation_failed: 'Some fields are not valid.',
  bad_request: 'The request could not be understood.',
  unauthenticated: 'Please sign in.',
  invalid_credentials: 'That email and password do not match.',
  csrf_failed: 'The request could not be verified. Reload the page and try again.',
  forbidden: 'You do not have permission to do that.',
  two_factor_required: 'Your practice requires two-factor sign-in. Set it up to continue.',
  not_found: 'Not found.',
  conflict: 'That conflicts with the current state.',
  answers_incomplete: 'Some required answers or signatures are missing.',
  slot_unavailable: 'That time cannot be requested.',
  email_taken: 'That email is already in use.',
  slug_taken: 'That portal address is already taken.',
  signup_closed: 'New practices cannot sign up on this server.',
  setup_done: 'This server already has a practice.',
  token_invalid: 'This link is invalid or has expired.',
  portal_off: 'The Client Portal is turned off for this practice. Turn it on in Settings first.',
  portal_unavailable: 'The Client Portal is not available.',
  link_problem: 'This sign-in link cannot be used.',
  code_invalid: 'That code is not right, or it has expired. Check the latest email or ask for a new link.',
  request_timeout: 'The request took too long to arrive.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'The request must be JSON.',
  rate_limited: 'Too many attempts. Please wait and try again.',
  headers_too_large: 'The request headers are too large.',
  internal: 'Something went wrong on our side.',
  files_unavailable: 'Files cannot be stored or read just now. Please try again in a moment.',
};

export const notFound = (): AppError => new AppError('not_found');
