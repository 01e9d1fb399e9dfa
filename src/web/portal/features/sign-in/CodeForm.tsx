import { Button, Stack, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePreload } from '../../../common/on-demand.js';
import { prefetchSignedInPages } from '../../common/signed-in-pages.js';
import { signInSchemas } from './sign-in-schemas.js';
import { useRedeemCode } from './sign-in.queries.js';

interface CodeFormProps {
  slug: string;
  defaultEmail?: string;
  /** Put the cursor in the email field at once (the page is only this form). */
  focusEmail?: boolean;
}

function waitMinutes(seconds: number | null): string {
  const minutes = seconds ? Math.max(1, Math.ceil(seconds / 60)) : 15;
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

/** Inline messages for the code's own problems; other errors go in an alert. */
function codeErrors(error: unknown): FieldErrorMap {
  if (!isApiError(error)) return {};
  if (error.code === 'code_invalid') {
    return { code: 'That code is not right. Check the 6 digits in your newest sign-in email, or ask for a new link.' };
  }
  if (error.code === 'rate_limited') {
    return { code: `Too many tries. Please wait ${waitMinutes(error.retryAfter)} before trying again.` };
  }
  return fieldErrorsOf(error);
}

/** Sign in with the 6-digit code from a sign-in email (handy on another device). */
export function CodeForm({ slug, defaultEmail = '', focusEmail = false }: CodeFormProps) {
  const [email, setEmail] = useState(defaultEmail);
  const [code, setCode] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusEmail) emailRef.current?.focus();
  }, [focusEmail]);

  const signIn = useRedeemCode(slug);

  function focusFirst(errors: FieldErrorMap, fallbackToCode = false): void {
    if (errors.email) emailRef.current?.focus();
    else if (errors.code || fallbackToCode) codeRef.current?.focus();
  }

  usePreload(signInSchemas);

  const send = async () => {
    const schemas = await signInSchemas.get().catch(() => null);
    const parsed = schemas?.redeemCodeBody.safeParse({ email, code });
    if (parsed && !parsed.success) {
      const found = zodIssuesToFieldErrors(parsed.error.issues);
      setClientErrors(found);
      focusFirst(found);
      return;
    }
    setClientErrors({});
    prefetchSignedInPages();
    signIn.mutate(parsed?.data ?? { email, code }, {
      // The button was busy (and so lost focus): put the cursor where the fix is needed.
      onError: (error) => focusFirst(codeErrors(error), true),
    });
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  const serverErrors = codeErrors(signIn.error);
  const errors = { ...serverErrors, ...clientErrors };
  const handledInline = Object.keys(serverErrors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in with a code">
      <Stack gap="md">
        {!handledInline ? <ErrorAlert error={signIn.error} title="Could not sign in" /> : null}
        <TextInput
          ref={emailRef}
          label="Email address"
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={sentence(errors.email)}
        />
        <TextInput
          ref={codeRef}
          label="6-digit code"
          description="From the same email as the sign-in link."
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
          error={sentence(errors.code)}
          styles={{ input: { fontSize: 20, letterSpacing: '0.35em', fontVariantNumeric: 'tabular-nums' } }}
        />
        <Button type="submit" fullWidth size="md" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
