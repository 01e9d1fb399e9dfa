import { Alert, Button, Fieldset, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { practiceProfileBody, type PracticeProfile } from '../../../../shared/schemas/settings.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { cleanSlugInput, TimeZoneSelect } from '../setup/index.js';
import { DateTimeFormatSection } from './DateTimeFormatSection.js';
import { LogoSection } from './LogoSection.js';
import { SettingsFrame, SettingsLoading } from './SettingsFrame.js';
import { usePracticeProfile, useSavePracticeProfile } from './settings.queries.js';

/** Settings → Practice profile: every staff member sees it; the practice owner changes it. */
export function PracticeProfilePage() {
  const profile = usePracticeProfile();
  const { staff } = useSignedIn();
  const owner = staff.roles.includes('owner');
  return (
    <SettingsFrame
      title="Practice profile"
      description={
        owner
          ? 'How your practice appears to clients: in the Client Portal and in the emails Portico sends for you.'
          : 'How your practice appears to clients. Only the practice owner can change it.'
      }
    >
      {profile.data ? (
        <Stack gap="lg">
          <ProfileForm key={profile.dataUpdatedAt} profile={profile.data} editable={owner} />
          <LogoSection profile={profile.data} editable={owner} />
          <DateTimeFormatSection />
        </Stack>
      ) : (
        <SettingsLoading error={profile.error} label="Loading the practice profile" />
      )}
    </SettingsFrame>
  );
}

function ProfileForm({ profile, editable }: { profile: PracticeProfile; editable: boolean }) {
  const [name, setName] = useState(profile.name);
  const [address, setAddress] = useState(profile.address ?? '');
  const [phone, setPhone] = useState(profile.phoneDisplay ?? '');
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [slug, setSlug] = useState(profile.slug);
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSavePracticeProfile();
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const slugChanged = slug !== profile.slug;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = practiceProfileBody.safeParse({ name, address, phone, timeZone, slug });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'portico',
          title: 'Practice profile saved',
          message:
            saved.slug !== profile.slug
              ? `Your portal address is now ${saved.portalUrl}`
              : 'Clients see the changes in the portal and in emails.',
        }),
    });
  };

  const taken: FieldErrorMap =
    isApiError(save.error) && save.error.code === 'slug_taken' ? { slug: 'is already used by another practice' } : {};
  const errors: FieldErrorMap = { ...fieldErrorsOf(save.error), ...taken, ...clientErrors };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={save.error} title="Could not save the practice profile" hideWhenOnlyFields />
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Fieldset variant="unstyled" disabled={!editable} className="settings-read-only">
            <Stack gap="md">
              <Title order={2} size="h3">
                Practice details
              </Title>
              <TextInput
                label="Practice name"
                description="Shown at the top of the Client Portal and in every email."
                required
                autoComplete="organization"
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={sentence(errors.name)}
              />
              <Textarea
                label="Address"
                autoComplete="street-address"
                autosize
                minRows={2}
                maxRows={5}
                value={address}
                onChange={(event) => setAddress(event.currentTarget.value)}
                error={sentence(errors.address)}
              />
              <TextInput
                label="Phone"
                type="tel"
                autoComplete="tel"
                value={phone}
                onChange={(event) => setPhone(event.currentTarget.value)}
                error={sentence(errors.phone)}
              />
              <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={sentence(errors.timeZone)} />
            </Stack>
          </Fieldset>
        </Paper>

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Fieldset variant="unstyled" disabled={!editable} className="settings-read-only">
            <Stack gap="md">
              <Title order={2} size="h3">
                Portal address
              </Title>
              <TextInput
                label="Portal address"
                required
                autoComplete="off"
                spellCheck={false}
                value={slug}
                onChange={(event) => setSlug(cleanSlugInput(event.currentTarget.value))}
                description={
                  <>
                    Your clients sign in at{' '}
                    <Text span fw={600} size="xs" c="var(--mantine-color-text)" style={{ wordBreak: 'break-all' }}>
                      {origin}/portal/{slug || 'your-practice'}
                    </Text>
                  </>
                }
                error={sentence(errors.slug)}
              />
              {slugChanged ? (
                <Alert
                  color="yellow"
                  variant="light"
                  icon={<IconAlertTriangle aria-hidden />}
                  title="Old links will stop working"
                  // Mantine's yellow is too light for text on its own tint: a dark amber reads (WCAG AA).
                  styles={{ title: { color: '#8a5a00' }, icon: { color: '#8a5a00' } }}
                >
                  Once you save, the portal is only at the new address. Sign-in links already emailed, bookmarks and
                  links you shared with {profile.portalUrl} will no longer open it.
                </Alert>
              ) : null}
            </Stack>
          </Fieldset>
        </Paper>
        {editable ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save profile
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
