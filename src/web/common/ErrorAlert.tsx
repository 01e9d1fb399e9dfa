import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiError } from './api.js';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /** Hide the alert when the error only concerns fields already shown inline. */
  hideWhenOnlyFields?: boolean;
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'rate_limited' && error.retryAfter) {
      const minutes = Math.ceil(error.retryAfter / 60);
      return `Too many attempts. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

/** A red alert for an API error; role="alert" so screen readers announce it. */
export function ErrorAlert({ error, title = 'Something went wrong', hideWhenOnlyFields = false }: ErrorAlertProps) {
  if (!error) return null;
  if (hideWhenOnlyFields && isApiError(error) && error.code === 'validation_failed' && error.fields.length > 0) {
    return null;
  }
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
