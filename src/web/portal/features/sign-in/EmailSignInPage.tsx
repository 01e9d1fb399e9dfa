import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link } from '../../common/router.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePreload } from '../../../common/on-demand.js';
import { usePortalInfo } from '../../common/session.js';
import { portalPaths } from '../../common/paths.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { PortalFrame } from '../../common/layout/PortalFrame.js';
import { CheckEmail } from './CheckEmail.js';
import { signInSchemas } from './sign-in-schemas.js';
import { useRequestLink } from './sign-in.queries.js';

type Step = { kind: 'form' } | { kind: 'sent'; email: string; rateLimited: boolean };

/** "I'm an existing client": ask for a sign-in link by email, then enter its code if needed. */
export function EmailSignInPage() {
  const { practice } = usePortalInfo();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [email, setEmail] = useState('');
  usePortalTitle(step.kind === 'sent' ? 'Check your email' : 'Sign in', practice.name);

  return (
    <PortalFrame
      practiceName={practice.name}
      logoUrl={practice.logoUrl}
      below={
        step.kind === 'form' ? (
          <>
            Have a code from a sign-in email?{' '}
            <Anchor component={Link} to={portalPaths.code(practice.slug)} fw={600}>
              Enter your code
            </Anchor>
          </>
        ) : undefined
      }
    >
      {step.kind === 'sent' ? (
        <CheckEmail
          slug={practice.slug}
          practiceName={practice.name}
          email={step.email}
          rateLimited={step.rateLimited}
          onUseDifferentEmail={() => setStep({ kind: 'form' })}
        />
      ) : (
        <RequestLinkForm
          slug={practice.slug}
          email={email}
          onEmailChange={setEmail}
          onSent={(sentTo, rateLimited) => setStep({ kind: 'sent', email: sentTo, rateLimited })}
        />
      )}
    </PortalFrame>
  );
}

interface RequestLinkFormProps {
  slug: string;
  email: string;
  onEmailChange: (email: string) => void;
  onSent: (email: string, rateLimited: boolean) => void;
}

function RequestLinkForm({ slug, email, onEmailChange, onSent }: RequestLinkFormProps) {
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const inputRef = useRef<HTMLInputElement>(null);

  // The client chose to sign in: the cursor waits in the email field.
  useEffect(() => inputRef.current?.focus(), []);

  const requestLink = useRequestLink(slug);

  usePreload(signInSchemas);

  const send = async () => {
    const schemas = await signInSchemas.get().catch(() => null);
    const parsed = schemas?.requestLinkBody.safeParse({ email });
    if (parsed && !parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      inputRef.current?.focus();
      return;
    }
    setClientErrors({});
    requestLink.mutate(parsed?.data.email ?? email, {
      onSuccess: (_answer, address) => onSent(address, false),
      onError: (error, address) => {
        // Rate limited: the same neutral answer (links already sent still work), plus a gentle note.
        if (isApiError(error) && error.code === 'rate_limited') onSent(address, true);
        else inputRef.current?.focus();
      },
    });
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  const errors = { ...fieldErrorsOf(requestLink.error), ...clientErrors };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={portalPaths.landing(slug)} size="sm" fw={600} w="fit-content">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
        Back
      </Anchor>
      <Stack gap={6}>
        <PageHeading>Sign in</PageHeading>
        <Text c="dimmed">
          Enter the email address your practice has for you. We&apos;ll email you a sign-in link — no password needed.
        </Text>
      </Stack>
      <form onSubmit={onSubmit} noValidate aria-label="Email me a sign-in link">
        <Stack gap="md">
          <ErrorAlert error={requestLink.error} title="Could not send the link" hideWhenOnlyFields />
          <TextInput
            ref={inputRef}
            label="Email address"
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => onEmailChange(event.currentTarget.value)}
            error={sentence(errors.email)}
          />
          <Button type="submit" fullWidth size="md" loading={requestLink.isPending}>
            Send link
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
