import { IconCalendarEvent } from '@tabler/icons-react';
import { portalPaths } from '../../common/paths.js';
import { browserTimeZone, useAppointments, whenLabel } from '../appointments/index.js';
import { HomeTile } from './HomeTile.js';

/**
 * Home's Appointments tile: the next appointment and the requests waiting for the practice's
 * answer. No count badge: nothing here waits for the client.
 */
export function AppointmentsCard({ practice }: { practice: { name: string; slug: string } }) {
  const overview = useAppointments(practice.slug);
  const data = overview.data;
  const timeZone = data?.timeZone ?? browserTimeZone();
  const next = data?.upcoming[0];
  const pending = data?.requests.filter((request) => request.status === 'pending') ?? [];
  const text = data ? (
    <>
      <span style={{ display: 'block' }}>
        {next ? `Next appointment: ${whenLabel(next.startsAt, timeZone)}.` : 'No upcoming appointments.'}
      </span>
      {pending.length > 0 ? (
        <span style={{ display: 'block' }}>
          {pending.length === 1 ? '1 request is' : `${pending.length} requests are`} waiting for an answer:{' '}
          {pending.map((request) => whenLabel(request.startsAt, timeZone)).join('; ')}.
        </span>
      ) : null}
    </>
  ) : (
    'Your appointments, and times you can request online.'
  );
  return (
    <HomeTile
      title="Appointments"
      icon={<IconCalendarEvent size={26} stroke={1.7} />}
      count={undefined}
      label={() => ''}
      waitingText={text}
      idleText={text}
      to={portalPaths.appointments(practice.slug)}
      action="Open appointments"
    />
  );
}
