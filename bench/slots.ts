import { DateTime } from 'luxon';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { freeSlots, loadSchedulingSettings, slotQueryFor } from '../src/server/modules/availability/index.js';
import { systemClock } from '../src/server/platform/clock.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { newId } from '../src/server/platform/tokens.js';
import { prepareBenchDatabase, type BenchDatabase } from './database.js';
import { measureScenarios, type ScenarioResult } from './http.js';
import type { LoadGenerator } from './load.js';
import { signIn, signInClient, startPortico } from './portico.js';
import type { ServerProfiler } from './profile.js';
import { dialectName, ms, scenarioTable } from './report.js';

export interface SlotsOptions {
  levels: number[];
  duration: number;
  warmup: number;
  profiler: ServerProfiler | null;
  log: (line: string) => void;
}

/** The practice the figures are taken on: how many clinicians, and the appointments booked. */
const clinicians = 20;
/** The clinician whose free slots are asked for: booked this many times in the 60-day window. */
const measuredAppointments = 500;
/** Every other clinician: about 30 a week, a full caseload. */
const otherAppointments = 250;
const serviceMinutes = 50;
/** Weekly hours, Monday to Saturday, 08:00–20:00 in the practice's zone, all open to online requests. */
const blockDays = [1, 2, 3, 4, 5, 6];
const openHour = 8;
const closeHour = 20;
const engineRuns = 300;

export interface EngineTiming {
  runs: number;
  /** Reads (blocks, time off, busy time, settings) and the engine, in-process. */
  withReads: { p50: number; p99: number };
  /** The engine alone on the same query (the pure function: rrule, luxon, subtraction). */
  computeOnly: { p50: number; p99: number };
  slots: number;
}

export interface SlotsResult {
  dialect: 'sqlite' | 'postgres';
  seededSeconds: number;
  appointments: number;
  weekAppointments: number;
  engine: EngineTiming;
  scenarios: ScenarioResult[];
}

/** A deterministic shuffle (mulberry32), so every run books the same times. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
  return { p50: at(50), p99: at(99) };
}

interface SchedulingSeed {
  practiceId: string;
  clinicianId: string;
  serviceId: string;
  locationId: string;
  weekFrom: string;
  weekTo: string;
  appointments: number;
  weekAppointments: number;
}

/**
 * Adds scheduling to the seeded practice: 19 more clinicians beside its owner, an office, a
 * 50-minute service all of them offer online, weekly hours for each, online requests on for the
 * client with the long conversation (assigned to the owner), and appointments at whole hours of
 * their hours over the next 60 days: 500 for the owner, 250 for each other clinician.
 */
async function seedScheduling(db: Db, database: BenchDatabase): Promise<SchedulingSeed> {
  const practice = database.seed.practices[0];
  const clientId = practice?.conversation?.clientId;
  if (!practice || !clientId) throw new Error('the bench practice has no client with portal access');
  const now = new Date().toISOString();
  const owner = await db
    .selectFrom('staff_users')
    .select(['id', 'password_hash'])
    .where('id', '=', practice.owner.id)
    .executeTakeFirstOrThrow();
  const staffIds = [owner.id];
  for (let n = 2; n <= clinicians; n++) {
    const id = newId();
    staffIds.push(id);
    await db
      .insertInto('staff_users')
      .values({
        id,
        practice_id: practice.id,
        name: `Clinician ${n}`,
        email: `clinician${n}@${practice.slug}.portico.test`,
        password_hash: owner.password_hash,
        created_at: now,
        last_sign_in_at: null,
      })
      .execute();
    await db
      .insertInto('staff_memberships')
      .values({
        practice_id: practice.id,
        staff_id: id,
        owner: 0,
        clinician: 1,
        biller: 0,
        scheduler: 0,
        status: 'active',
        created_at: now,
        deactivated_at: null,
      })
      .execute();
  }
  const locationId = newId();
  await db
    .insertInto('locations')
    .values({
      id: locationId,
      practice_id: practice.id,
      kind: 'in_person',
      name: 'Main office',
      address: '1 Bench Street',
      video_link: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const serviceId = newId();
  await db
    .insertInto('services')
    .values({
      id: serviceId,
      practice_id: practice.id,
      name: 'Individual therapy',
      cpt_code: '90834',
      duration_minutes: serviceMinutes,
      fee_minor: 15000,
      online_requests: 1,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('service_clinicians')
    .values(staffIds.map((staff_id) => ({ practice_id: practice.id, service_id: serviceId, staff_id })))
    .execute();
  await db
    .insertInto('availability_blocks')
    .values(
      staffIds.flatMap((clinician_id) =>
        blockDays.map((weekday) => ({
          id: newId(),
          practice_id: practice.id,
          clinician_id,
          weekday,
          start_time: `${String(openHour).padStart(2, '0')}:00`,
          end_time: `${String(closeHour).padStart(2, '0')}:00`,
          location_id: locationId,
          service_ids: '[]',
          allow_requests: 1,
          created_at: now,
          updated_at: now,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('scheduling_settings')
    .values({
      practice_id: practice.id,
      requests_enabled: 1,
      min_notice_minutes: 24 * 60,
      booking_window_days: 60,
      slot_interval_minutes: 30,
      buffer_minutes: 0,
      hold_minutes: 72 * 60,
      client_cancel_allowed: 1,
      client_cancel_notice_minutes: 24 * 60,
      reminder_minutes: 24 * 60,
      reminder_names_service: 0,
      updated_at: now,
    })
    .execute();
  await db
    .updateTable('portal_access')
    .set({ perm_appointments: 1 })
    .where('practice_id', '=', practice.id)
    .where('client_id', '=', clientId)
    .execute();

  // Every whole hour of the weekly hours from tomorrow to the window's end, in the practice's zone.
  const zone = practice.timeZone;
  const today = DateTime.now().setZone(zone).startOf('day');
  const hours: DateTime[] = [];
  for (let day = 1; day <= 60; day++) {
    const date = today.plus({ days: day });
    if (!blockDays.includes(date.weekday)) continue;
    for (let hour = openHour; hour < closeHour; hour++) hours.push(date.set({ hour }));
  }
  const clientIds = practice.clientIds;
  let appointments = 0;
  for (const [index, clinicianId] of staffIds.entries()) {
    const count = index === 0 ? measuredAppointments : otherAppointments;
    if (hours.length < count) throw new Error(`only ${hours.length} hours to book ${count} appointments in`);
    const rows = shuffled(hours, index + 1)
      .slice(0, count)
      .map((start, n) => ({
        id: newId(),
        practice_id: practice.id,
        client_id: clientIds[n % clientIds.length] ?? clientId,
        service_id: serviceId,
        clinician_id: clinicianId,
        location_id: locationId,
        starts_at: start.toUTC().toISO() ?? '',
        ends_at: start.plus({ minutes: serviceMinutes }).toUTC().toISO() ?? '',
        status: 'scheduled' as const,
        video_link: null,
        series_id: null,
        created_at: now,
        created_by: owner.id,
        updated_at: now,
        updated_by: owner.id,
      }));
    for (let at = 0; at < rows.length; at += 100) {
      await db
        .insertInto('appointments')
        .values(rows.slice(at, at + 100))
        .execute();
    }
    appointments += rows.length;
  }
  // The week view: next Monday to the Monday after, in the practice's zone.
  const monday = today.plus({ weeks: 1 }).startOf('week');
  const weekFrom = monday.toUTC().toISO() ?? '';
  const weekTo = monday.plus({ weeks: 1 }).toUTC().toISO() ?? '';
  const inWeek = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', practice.id)
    .where('starts_at', '>=', weekFrom)
    .where('starts_at', '<', weekTo)
    .executeTakeFirstOrThrow();
  return {
    practiceId: practice.id,
    clinicianId: owner.id,
    serviceId,
    locationId,
    weekFrom,
    weekTo,
    appointments,
    weekAppointments: Number(inWeek.n),
  };
}

/** The slot engine in-process: the reads and the computation, then the computation alone. */
async function timeEngine(db: Db, seed: SchedulingSeed, zone: string): Promise<EngineTiming> {
  const scope = systemScope(db, seed.practiceId);
  const ask = {
    clinicianId: seed.clinicianId,
    serviceId: seed.serviceId,
    locationId: seed.locationId,
    durationMinutes: serviceMinutes,
  };
  const once = async () => {
    const settings = await loadSchedulingSettings({ ...scope, clock: systemClock });
    return freeSlots(await slotQueryFor(scope, ask, settings, zone, new Date()));
  };
  for (let i = 0; i < 20; i++) await once();
  const withReads: number[] = [];
  let slots = 0;
  for (let i = 0; i < engineRuns; i++) {
    const started = performance.now();
    slots = (await once()).length;
    withReads.push(performance.now() - started);
  }
  const settings = await loadSchedulingSettings({ ...scope, clock: systemClock });
  const query = await slotQueryFor(scope, ask, settings, zone, new Date());
  const computeOnly: number[] = [];
  for (let i = 0; i < engineRuns; i++) {
    const started = performance.now();
    freeSlots(query);
    computeOnly.push(performance.now() - started);
  }
  return { runs: engineRuns, withReads: percentiles(withReads), computeOnly: percentiles(computeOnly), slots };
}

/**
 * Free slots and the calendar's week on one database: a practice of 20 clinicians seeded with
 * their hours and appointments, the engine timed in-process, then both requests over HTTP at each
 * level beside the bare server's floor.
 */
export async function measureSlots(
  load: LoadGenerator,
  postgresUrl: string | undefined,
  options: SlotsOptions,
): Promise<SlotsResult> {
  const started = performance.now();
  const database = await prepareBenchDatabase(postgresUrl, {
    clients: 1000,
    accesses: 1,
    messages: 0,
    conversation: 10,
  });
  try {
    const practice = database.seed.practices[0];
    if (!practice || !database.portalLinkToken) throw new Error('the bench practice has no portal client');
    const opened = openDatabase(database.url);
    let seed: SchedulingSeed;
    let engine: EngineTiming;
    try {
      seed = await seedScheduling(opened.db, database);
      const dialect = dialectName(database.dialect);
      options.log(`Slots, ${dialect}: seeded ${seed.appointments} appointments; timing the engine in-process…`);
      engine = await timeEngine(opened.db, seed, practice.timeZone);
      options.log(
        `  engine: p50 ${ms(engine.withReads.p50)} ms, p99 ${ms(engine.withReads.p99)} ms with reads; ` +
          `compute alone p50 ${ms(engine.computeOnly.p50)} ms (${engine.slots} slots)`,
      );
    } finally {
      await opened.close();
    }
    const seededSeconds = (performance.now() - started) / 1000;
    const portico = await startPortico(database);
    try {
      const staff = await signIn(portico.url, practice.owner.email, database.seed.password);
      const client = await signInClient(portico.url, practice.slug, database.portalLinkToken);
      const slotsPath =
        `/api/portal/${practice.slug}/appointment-slots?serviceId=${seed.serviceId}` +
        `&clinicianId=${seed.clinicianId}&locationId=${seed.locationId}`;
      const weekPath = `/api/calendar?from=${encodeURIComponent(seed.weekFrom)}&to=${encodeURIComponent(seed.weekTo)}`;
      const scenarios = await measureScenarios(
        load,
        portico.url,
        [
          {
            name: 'free slots',
            side: 'portal',
            detail: `\`GET ${slotsPath.replace(/=[^&]+/g, '=…')}\`: one clinician, the 60-day window, ${measuredAppointments} booked appointments`,
            requests: [{ method: 'GET', path: slotsPath }],
            headers: { cookie: client.cookie },
            order: 'each-connection',
          },
          {
            name: 'calendar week',
            side: 'staff',
            detail: `\`GET /api/calendar?from=…&to=…\`: every clinician's week, ${clinicians} clinicians, ${seed.weekAppointments} appointments (audited)`,
            requests: [{ method: 'GET', path: weekPath }],
            headers: { cookie: staff.cookie },
            order: 'each-connection',
          },
        ],
        {
          levels: options.levels,
          duration: options.duration,
          warmup: options.warmup,
          profiler: options.profiler,
          profileName: `slots-${database.dialect}`,
          log: options.log,
        },
      );
      return {
        dialect: database.dialect,
        seededSeconds,
        appointments: seed.appointments,
        weekAppointments: seed.weekAppointments,
        engine,
        scenarios,
      };
    } finally {
      await portico.stop();
    }
  } finally {
    await database.dispose();
  }
}

export function renderSlots(results: readonly SlotsResult[]): string[] {
  const lines = [
    '## Free slots and the calendar week',
    '',
    `A practice of ${clinicians} clinicians, each with weekly hours Monday to Saturday ${openHour}:00–${closeHour}:00 open to ` +
      `online requests and a ${serviceMinutes}-minute service; ${measuredAppointments} appointments booked for the measured ` +
      `clinician over the 60-day window and ${otherAppointments} for each other (30-minute slot interval, 24 h minimum ` +
      'notice). Goal: free slots p50 ≤ 10 ms on SQLite.',
  ];
  for (const result of results) {
    const { engine } = result;
    lines.push(
      '',
      `### ${dialectName(result.dialect)}`,
      '',
      `${result.appointments.toLocaleString('en')} appointments seeded in ${result.seededSeconds.toFixed(1)} s (with the engine timing). ` +
        `The engine in-process over ${engine.runs} runs: p50 ${ms(engine.withReads.p50)} ms, p99 ${ms(engine.withReads.p99)} ms ` +
        `with its reads; the computation alone p50 ${ms(engine.computeOnly.p50)} ms, p99 ${ms(engine.computeOnly.p99)} ms ` +
        `(${engine.slots} free slots). The calendar week holds ${result.weekAppointments.toLocaleString('en')} appointments.`,
      '',
      ...scenarioTable(result.scenarios),
    );
  }
  return lines;
}
