import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import { systemContext } from '../../platform/request-context.js';
import { loadSchedulingSettings } from '../availability/index.js';
import { listClientEmails } from '../clients/index.js';
import { findAccess } from '../portal-access/index.js';
import { getPractice, practiceDateTimeFormat } from '../practices/index.js';
import { appointmentReminderEmail, requestExpiredEmail, spokenTime } from './requests.emails.js';
import {
  claimReminder,
  expirePendingRequest,
  findAppointmentForReminder,
  findClientTimeZone,
  findRequestWithNames,
} from './requests.queries.js';
import { findExpiredHolds, findReminderCandidates } from './requests.unscoped.js';

const BATCH_SIZE = 100;
const runEveryMs = 60_000;
/** The longest reminder lead time the settings allow (14 days): how far ahead the job looks. */
const longestLeadMinutes = 14 * 24 * 60;

export interface JobLog {
  warn(details: object, message: string): void;
}

/**
 * The appointment jobs, every minute on a timer that does not keep the process alive: a pending
 * request whose hold has run out becomes expired and its client is emailed; an appointment within
 * its practice's reminder lead time gets its reminder. Time is `deps.clock`'s, so tests move it.
 * Each change is claimed by a conditional write in the transaction that queues its email, so with
 * several server processes exactly one sends it.
 */
export class AppointmentJobs {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: AppDeps) {}

  start(log: JobLog, everyMs = runEveryMs): void {
    clearInterval(this.timer);
    const run = () => {
      this.running ??= this.runDue()
        .catch((error: unknown) => log.warn({ err: error }, 'the appointment jobs failed'))
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run: expires the holds due and sends the reminders due; returns how many of each. */
  async runDue(): Promise<{ expired: number; reminded: number }> {
    const now = this.deps.clock.now();
    let expired = 0;
    for (const due of await findExpiredHolds(this.deps.db, iso(now), BATCH_SIZE))
      if (await this.expire(due.practice_id, due.id)) expired++;
    let reminded = 0;
    const until = iso(new Date(now.getTime() + longestLeadMinutes * 60_000));
    for (const due of await findReminderCandidates(this.deps.db, iso(now), until, BATCH_SIZE)) {
      const lead = due.reminder_minutes ?? 24 * 60;
      if (lead <= 0 || Date.parse(due.starts_at) - lead * 60_000 > now.getTime()) continue;
      if (await this.remind(due.practice_id, due.id)) reminded++;
    }
    return { expired, reminded };
  }

  private async expire(practiceId: string, requestId: string): Promise<boolean> {
    return systemContext(this.deps, practiceId).inTransaction(async (tx) => {
      const now = iso(tx.clock.now());
      if (!(await expirePendingRequest(tx, requestId, now))) return false;
      const row = await findRequestWithNames(tx, requestId);
      if (!row) return false;
      const to = (await findAccess(tx, row.client_id))?.email_address;
      if (to) {
        const practice = await getPractice(tx);
        const email = requestExpiredEmail({
          practiceName: practice.name,
          clientName: row.preferred_name ?? row.first_name,
          when: spokenTime(row.starts_at, row.client_time_zone, practiceDateTimeFormat(practice)),
          url: `${tx.deps.config.publicUrl}/portal/${practice.slug}/appointments`,
        });
        await enqueueEmailIn(tx, { clientId: row.client_id, kind: 'appointment_request_expired', to, ...email });
      }
      await auditIn(tx, { action: 'appointment_request.expired', clientId: row.client_id, details: { requestId } });
      return true;
    });
  }

  /** The reminder goes to each of the client's addresses with Email OK on. */
  private async remind(practiceId: string, appointmentId: string): Promise<boolean> {
    return systemContext(this.deps, practiceId).inTransaction(async (tx) => {
      const now = iso(tx.clock.now());
      const appointment = await findAppointmentForReminder(tx, appointmentId);
      if (appointment?.status !== 'scheduled') return false;
      if (!(await claimReminder(tx, appointmentId, now))) return false;
      const [practice, emails, zone, settings] = await Promise.all([
        getPractice(tx),
        listClientEmails(tx, [appointment.client_id]),
        findClientTimeZone(tx, appointment.client_id),
        loadSchedulingSettings(tx),
      ]);
      const content = appointmentReminderEmail({
        practiceName: practice.name,
        clientName: appointment.preferred_name ?? appointment.first_name,
        when: spokenTime(appointment.starts_at, zone ?? practice.time_zone, practiceDateTimeFormat(practice)),
        service: settings.reminder_names_service === 1 ? appointment.service_name : null,
        place: {
          name: appointment.location_name,
          kind: appointment.location_kind,
          address: appointment.address,
          videoLink: appointment.video_link ?? appointment.location_video_link,
        },
        url: `${tx.deps.config.publicUrl}/portal/${practice.slug}/appointments`,
      });
      let sent = 0;
      for (const email of emails.filter((candidate) => candidate.email_ok === 1)) {
        await enqueueEmailIn(tx, {
          clientId: appointment.client_id,
          kind: 'appointment_reminder',
          to: email.address,
          ...content,
        });
        sent++;
      }
      await auditIn(tx, {
        action: 'appointment.reminder_sent',
        clientId: appointment.client_id,
        details: { appointmentId, emails: sent },
      });
      return true;
    });
  }
}
