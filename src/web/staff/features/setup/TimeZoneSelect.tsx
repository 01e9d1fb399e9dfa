import { Select } from '@mantine/core';
import { useMemo } from 'react';

function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

interface TimeZoneSelectProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** A searchable list of IANA time zones ("America/New York"). */
export function TimeZoneSelect({ value, onChange, error }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') })), []);
  return (
    <Select
      label="Time zone"
      description="Appointments, reminders and logs use this time zone."
      data={data}
      value={value}
      onChange={(next) => {
        if (next) onChange(next);
      }}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No matching time zone"
      maxDropdownHeight={280}
      required
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
