import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Location, SchedulingSettings, Service } from '../../../../shared/schemas/scheduling.js';
import { ArchivableRow, settingsListStyle } from './ArchivableRow.js';
import { LocationDialog } from './LocationDialog.js';
import { ServiceDialog } from './ServiceDialog.js';
import { SettingsFrame, SettingsLoading, SettingsSection } from './SettingsFrame.js';
import { useArchiveLocation, useArchiveService, useSchedulingSetup } from './scheduling.queries.js';

/** 15000 → "150.00". */
export function formatFee(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** Settings → Services (owners): what the practice books, and where. */
export function ServicesPage() {
  const setup = useSchedulingSetup();
  const [editingService, setEditingService] = useState<Service | 'new' | null>(null);
  const [editingLocation, setEditingLocation] = useState<Location | 'new' | null>(null);
  return (
    <SettingsFrame
      title="Services"
      description="What your practice books, who offers it and where appointments happen. Archived ones stay on the appointments already booked."
    >
      {setup.data ? (
        <>
          <SettingsSection title="Services">
            <Group justify="flex-end">
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditingService('new')}>
                Add service
              </Button>
            </Group>
            <ServiceList setup={setup.data} onEdit={setEditingService} />
          </SettingsSection>
          <SettingsSection title="Locations" description="An office with its address, or Telehealth with a video link.">
            <Group justify="flex-end">
              <Button
                leftSection={<IconMapPin size={16} aria-hidden />}
                variant="default"
                onClick={() => setEditingLocation('new')}
              >
                Add location
              </Button>
            </Group>
            <LocationList locations={setup.data.locations} onEdit={setEditingLocation} />
          </SettingsSection>
          {editingService ? (
            <ServiceDialog
              service={editingService === 'new' ? null : editingService}
              clinicians={setup.data.clinicians}
              onClose={() => setEditingService(null)}
            />
          ) : null}
          {editingLocation ? (
            <LocationDialog
              location={editingLocation === 'new' ? null : editingLocation}
              onClose={() => setEditingLocation(null)}
            />
          ) : null}
        </>
      ) : (
        <SettingsLoading error={setup.error} label="Loading services" />
      )}
    </SettingsFrame>
  );
}

function ServiceList({ setup, onEdit }: { setup: SchedulingSettings; onEdit: (service: Service) => void }) {
  const archive = useArchiveService();
  if (setup.services.length === 0) return <Text c="dimmed">No services yet. Add the first one to start booking.</Text>;
  const names = new Map(setup.clinicians.map((c) => [c.id, c.name]));
  return (
    <Stack gap={0} component="ul" aria-label="Services" style={settingsListStyle}>
      {setup.services.map((service) => (
        <ArchivableRow
          key={service.id}
          name={service.name}
          badges={
            <>
              {service.cptCode ? (
                <Badge variant="light" color="gray">
                  CPT {service.cptCode}
                </Badge>
              ) : null}
              {service.onlineRequests ? <Badge variant="light">Online requests</Badge> : null}
            </>
          }
          detail={`${service.durationMinutes} min · ${formatFee(service.feeMinor)} · ${
            service.clinicianIds.map((id) => names.get(id) ?? 'Former member').join(', ') || 'No clinician yet'
          }`}
          archived={service.archived}
          archiving={archive.isPending && archive.variables.id === service.id}
          onEdit={() => onEdit(service)}
          onToggleArchived={() => archive.mutate({ id: service.id, archived: !service.archived })}
        />
      ))}
    </Stack>
  );
}

function LocationList({ locations, onEdit }: { locations: Location[]; onEdit: (location: Location) => void }) {
  const archive = useArchiveLocation();
  if (locations.length === 0) return <Text c="dimmed">No locations yet.</Text>;
  return (
    <Stack gap={0} component="ul" aria-label="Locations" style={settingsListStyle}>
      {locations.map((location) => (
        <ArchivableRow
          key={location.id}
          name={location.name}
          badges={
            <Badge variant="light" color={location.kind === 'telehealth' ? 'blue' : 'gray'}>
              {location.kind === 'telehealth' ? 'Telehealth' : 'In person'}
            </Badge>
          }
          detail={
            location.kind === 'telehealth'
              ? (location.videoLink ?? 'Video link given per appointment')
              : location.address
          }
          archived={location.archived}
          archiving={archive.isPending && archive.variables.id === location.id}
          onEdit={() => onEdit(location)}
          onToggleArchived={() => archive.mutate({ id: location.id, archived: !location.archived })}
        />
      ))}
    </Stack>
  );
}
