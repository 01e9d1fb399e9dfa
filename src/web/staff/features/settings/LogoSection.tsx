import { Button, FileButton, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { logoMaxBytes, logoTypes, type PracticeProfile } from '../../../../shared/schemas/settings.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { useRemoveLogo, useUploadLogo } from './settings.queries.js';

/** The practice's logo: shown beside its name in the Client Portal and in emails. */
export function LogoSection({ profile, editable }: { profile: PracticeProfile; editable: boolean }) {
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const tooLarge = (file: File) => file.size > logoMaxBytes;
  const uploadError = sentence(fieldErrorsOf(upload.error).logo);

  const choose = (file: File | null) => {
    if (!file) return;
    remove.reset();
    if (tooLarge(file)) {
      notifications.show({ color: 'red', title: 'Could not use this logo', message: 'The logo must be at most 1 MB.' });
      return;
    }
    upload.mutate(file, {
      onSuccess: () =>
        notifications.show({ color: 'portico', title: 'Logo saved', message: 'The portal and emails show it now.' }),
    });
  };

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Logo
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            Shown beside your practice name in the Client Portal and in emails. A PNG, JPEG or WebP image of at most 1
            MB; a square or wide image works best.
          </Text>
        </div>
        <Group gap="lg" wrap="wrap" align="center">
          {profile.logoUrl ? (
            <Image
              src={profile.logoUrl}
              alt={`${profile.name} logo`}
              h={72}
              w="auto"
              maw={240}
              fit="contain"
              radius="md"
              style={{ border: '1px solid var(--mantine-color-gray-3)', padding: 6, background: 'white' }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              No logo yet: the portal shows your practice’s initials.
            </Text>
          )}
          {editable ? (
            <Group gap="sm">
              <FileButton onChange={choose} accept={logoTypes.join(',')}>
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconPhotoUp size={16} aria-hidden />}
                    loading={upload.isPending}
                  >
                    {profile.logoUrl ? 'Replace logo' : 'Upload logo'}
                  </Button>
                )}
              </FileButton>
              {profile.logoUrl ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  loading={remove.isPending}
                  onClick={() => {
                    upload.reset();
                    remove.mutate(undefined, {
                      onSuccess: () =>
                        notifications.show({
                          color: 'portico',
                          title: 'Logo removed',
                          message: 'The portal shows your practice’s initials again.',
                        }),
                    });
                  }}
                >
                  Remove logo
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
        {uploadError ? (
          <Text size="sm" c="red.8" role="alert">
            The logo {uploadError.charAt(0).toLowerCase() + uploadError.slice(1)}.
          </Text>
        ) : (
          <ErrorAlert error={upload.error ?? remove.error} title="Could not change the logo" hideWhenOnlyFields />
        )}
      </Stack>
    </Paper>
  );
}
