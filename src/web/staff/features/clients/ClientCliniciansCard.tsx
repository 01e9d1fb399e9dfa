import { Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { mayDo } from '../../../../shared/permissions.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { CliniciansFields, type CliniciansState } from './CliniciansFields.js';
import { useClientClinicians, useClinicianOptions, useSetClientClinicians } from './clinicians.queries.js';

/** Client profile → Overview: who the client's clinicians are; owners and schedulers change them. */
export function ClientCliniciansCard({ clientId }: { clientId: string }) {
  const { staff } = useSignedIn();
  const mayAssign = mayDo(staff.roles, 'assign_clinicians');
  const assigned = useClientClinicians(clientId);
  const [editing, setEditing] = useState<CliniciansState | null>(null);
  const options = useClinicianOptions(mayAssign && editing !== null);
  const save = useSetClientClinicians(clientId);
  const [errors, setErrors] = useState<FieldErrorMap>({});

  const clinicians = assigned.data?.clinicians ?? [];
  const startEditing = () => {
    setErrors({});
    save.reset();
    setEditing({
      primaryId: clinicians.find((c) => c.isPrimary)?.staffId ?? null,
      otherIds: clinicians.filter((c) => !c.isPrimary).map((c) => c.staffId),
    });
  };
  const submit = async () => {
    if (!editing) return;
    if (!editing.primaryId) {
      setErrors({ primaryId: 'is required' });
      return;
    }
    try {
      await save.mutateAsync({ primaryId: editing.primaryId, otherIds: editing.otherIds });
      setEditing(null);
      notifications.show({ color: 'portico', title: 'Clinicians saved', message: 'The client’s clinicians changed.' });
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  };

  return (
    <Card withBorder shadow="xs" padding="lg">
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h3">
            Clinicians
          </Title>
          {mayAssign && !editing && assigned.data ? (
            <Button variant="default" size="xs" onClick={startEditing}>
              Change clinicians
            </Button>
          ) : null}
        </Group>
        {assigned.error ? <ErrorAlert error={assigned.error} title="Could not load the clinicians" /> : null}
        {!assigned.data && !assigned.error ? <Loader size="sm" aria-label="Loading clinicians" /> : null}
        {editing ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
            noValidate
          >
            <Stack gap="md">
              {save.error && Object.keys(errors).length === 0 ? (
                <ErrorAlert error={save.error} title="Could not save the clinicians" />
              ) : null}
              <CliniciansFields
                options={options.data ?? []}
                value={editing}
                onChange={setEditing}
                errors={errors}
                clearError={(field) =>
                  setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([k]) => k !== field)))
                }
              />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
                <Button type="submit" loading={save.isPending}>
                  Save clinicians
                </Button>
              </Group>
            </Stack>
          </form>
        ) : assigned.data ? (
          clinicians.length === 0 ? (
            <Text size="sm" c="dimmed">
              No clinician is assigned.
            </Text>
          ) : (
            <List listStyleType="none" spacing={6} aria-label="Assigned clinicians">
              {clinicians.map((clinician) => (
                <List.Item key={clinician.staffId}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <bdi>{clinician.name}</bdi>
                    </Text>
                    {clinician.isPrimary ? (
                      <Badge variant="light" size="sm">
                        Primary
                      </Badge>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
          )
        ) : null}
      </Stack>
    </Card>
  );
}
