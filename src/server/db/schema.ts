/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on
 * both dialects, so one query layer serves SQLite and PostgreSQL (docs/decisions/002).
 */
export type Flag = 0 | 1;

export interface PracticesTable {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  created_at: string;
  /** 'day-first' | 'month-first'; null until the owner chooses: then it follows the time zone (migration 013). */
  date_order: 'day-first' | 'month-first' | null;
  /** '24-hour' | '12-hour'; null until the owner chooses, like `date_order`. */
  clock: '24-hour' | '12-hour' | null;
  /** Postal address as the practice writes it (several lines). */
  address: string | null;
  /** E.164, parsed in the region of the practice's time zone. */
  phone: string | null;
  /** The current logo's id: its address, /api/practice-logos/<practice id>/<logo id>. */
  logo_id: string | null;
  /** Where the current logo's bytes are in the file store (migration 018). */
  logo_storage_key: string | null;
  /** The type read from the logo's bytes: image/png, image/jpeg or image/webp. */
  logo_content_type: string | null;
  /** Since when every member must sign in with two-factor; null while the practice does not require it (migration 020). */
  two_factor_required_at: string | null;
}

export type StaffRole = 'owner' | 'clinician' | 'biller' | 'scheduler';

/** A staff account: one person, one email and password, who may belong to several practices. */
export interface StaffUsersTable {
  id: string;
  /** The practice a sign-in opens first; what they may do there is their membership's. */
  practice_id: string;
  name: string;
  email: string;
  password_hash: string;
  created_at: string;
  last_sign_in_at: string | null;
}

/** A staff account's place in one practice: its roles (combinable, one flag each) and status. */
export interface StaffMembershipsTable {
  practice_id: string;
  staff_id: string;
  owner: Flag;
  clinician: Flag;
  biller: Flag;
  scheduler: Flag;
  status: 'active' | 'deactivated';
  created_at: string;
  deactivated_at: string | null;
}

/** A client's assigned clinicians; at most one is primary (a partial unique index). */
export interface ClientCliniciansTable {
  practice_id: string;
  client_id: string;
  staff_id: string;
  is_primary: Flag;
  created_at: string;
}

/**
 * An invitation to join a practice's team (migration 017): the roles the person will have, and
 * the hash of the emailed link's token. Pending while neither accepted nor revoked; a resend
 * replaces the hash and `expires_at`.
 */
export interface StaffInvitationsTable {
  practice_id: string;
  id: string;
  token_hash: string;
  name: string;
  email: string;
  owner: Flag;
  clinician: Flag;
  biller: Flag;
  scheduler: Flag;
  message: string | null;
  invited_by: string;
  created_at: string;
  /** When the latest link went out (the invitation or its last resend). */
  sent_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** The account that accepted (new, or one that already existed). */
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  kind: 'staff' | 'client';
  subject_id: string;
  practice_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /**
   * What a limited session may do: `two_factor_setup` while the practice requires two-factor and the
   * person has none (only setting it up, the session state and signing out). Null for a full session.
   */
  limited_to: SessionLimit | null;
}

export type SessionLimit = 'two_factor_setup';

export interface PasswordResetsTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A staff member's new sign-in email, waiting for its one-time link to be used. */
export interface EmailChangesTable {
  token_hash: string;
  staff_id: string;
  practice_id: string;
  new_email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A person's two-factor sign-in (migration 020): one row per staff account, across its practices. */
export interface StaffTwoFactorTable {
  staff_id: string;
  /** The TOTP secret (base32), kept from when set-up starts. */
  secret: string;
  created_at: string;
  /** Null while set-up waits for its confirming code; two-factor is on once set. */
  enabled_at: string | null;
  /** The time step of the last accepted code: a code of that step or an earlier one is refused. */
  last_step: number | null;
}

/** One of a staff member's ten backup codes: kept hashed, used once. */
export interface StaffBackupCodesTable {
  id: string;
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A sign-in whose password was right and whose two-factor code is still needed: single use, short-lived. */
export interface TwoFactorChallengesTable {
  token_hash: string;
  staff_id: string;
  /** The practice the session opens in once the code is right. */
  practice_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  wrong_codes: number;
}

export interface ClientsTable {
  id: string;
  practice_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  /** Lower-cased names and emails, kept in step by the service, for search. */
  search_text: string;
  /**
   * The search words of search_text, each after a space (clientSearchDocument), which a search
   * in a practice without search rows matches (migration 021).
   */
  search_document: string;
  sort_name: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  /** A copy of the client's portal_access state (not_invited without a row), kept in step with it, for the list's filter (migration 019). */
  portal_state: PortalState;
}

export type EmailType = 'home' | 'work' | 'other';

export interface ClientEmailsTable {
  id: string;
  client_id: string;
  practice_id: string;
  address: string;
  type: EmailType;
  email_ok: Flag;
  is_primary: Flag;
  position: number;
}

/** `withdrawn`: taken back before it was sent, because what it carried no longer holds (a cancelled link). */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'withdrawn';

export interface OutboxTable {
  id: string;
  practice_id: string | null;
  client_id: string | null;
  kind: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** A JSON array of the files the email carries (EmailAttachment), or null (migration 024). */
  attachments: string | null;
}

export type ActorType = 'staff' | 'client' | 'anonymous' | 'system';

export interface AuditLogTable {
  id: string;
  practice_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  client_id: string | null;
  action: string;
  /** The kind of action the log filters on (auditKindOf), set when the row is written; null when no kind claims it. */
  kind: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
  created_at: string;
}

export interface PortalSettingsTable {
  practice_id: string;
  enabled: Flag;
  welcome_message: string;
  default_appointments: Flag;
  default_messaging: Flag;
  default_billing: Flag;
  default_pay: Flag;
  /** Whether the practice has an active online payments account (none can exist yet). */
  payments_active: Flag;
  /** Secure messaging for the whole practice; off overrides every client's permission. */
  messaging_enabled: Flag;
  updated_at: string;
}

export type PortalState = 'not_invited' | 'invited' | 'active' | 'disabled';

export interface PortalAccessTable {
  client_id: string;
  practice_id: string;
  state: PortalState;
  email_id: string | null;
  /** The address access is tied to, kept even if the email row is edited, so links sent to it can be checked. */
  email_address: string | null;
  perm_appointments: Flag;
  perm_messaging: Flag;
  perm_billing: Flag;
  perm_pay: Flag;
  first_invited_at: string | null;
  last_invited_at: string | null;
  first_signed_in_at: string | null;
  last_signed_in_at: string | null;
  disabled_at: string | null;
  updated_at: string;
}

/** `invitation` and `link` are emailed links (with a code); `staff_code` is read out by a clinician. */
export type PortalTokenKind = 'invitation' | 'link' | 'staff_code';

/**
 * Why a client's unused links were revoked: staff disabled access, the portal email's address was
 * edited or the email removed in Client Info, or a new invitation went to another of the emails.
 */
export type PortalTokenRevokeReason = 'access_disabled' | 'email_changed' | 'email_removed' | 'email_moved';

export interface PortalTokensTable {
  id: string;
  practice_id: string;
  client_id: string;
  kind: PortalTokenKind;
  token_hash: string | null;
  code_hash: string | null;
  email_address: string | null;
  code_attempts: number;
  created_at: string;
  expires_at: string;
  code_expires_at: string | null;
  used_at: string | null;
  /** Set when access is disabled or moved to another email: the token can never be used. */
  revoked_at: string | null;
  outbox_id: string | null;
  /** The token the client signed in with when this one was used up (its own id when it was this one). */
  claimed_by: string | null;
  /** Why `revoked_at` was set; null on rows revoked before migration 011. */
  revoked_reason: PortalTokenRevokeReason | null;
}

/** The words a client can be found by (see clientSearchWords), for index-backed prefix search. */
export interface ClientSearchWordsTable {
  practice_id: string;
  word: string;
  client_id: string;
  sort_name: string;
  created_at: string;
  archived: Flag;
  portal_state: PortalState;
}

/**
 * The first one to three characters of each client's search words, one row per client and prefix,
 * with the same copied list columns (migration 007): read in the list's order, it gives a broad
 * search's page without sorting every match.
 */
export interface ClientSearchPrefixesTable {
  practice_id: string;
  prefix: string;
  client_id: string;
  sort_name: string;
  created_at: string;
  archived: Flag;
  portal_state: PortalState;
}

/** Active and archived clients per practice and Client Portal state, kept in step with clients.portal_state (migration 019). */
export interface PracticePortalStateCountsTable {
  practice_id: string;
  portal_state: PortalState;
  active: number;
  archived: number;
}

/** Active and archived clients per practice, kept in step by the client service (migration 005). */
export interface PracticeClientCountsTable {
  practice_id: string;
  active: number;
  archived: number;
  /**
   * 1 once the practice keeps client_search_words and client_search_prefixes rows for its clients
   * (from searchRowsFromClients clients on, migration 021); 0: its searches read the clients'
   * search documents.
   */
  search_rows: Flag;
}

/** One fixed rate-limit window per key (migration 006): its hits so far and when it starts over. */
export interface RateLimitWindowsTable {
  key: string;
  hits: number;
  resets_at: string;
}

export type MessageSender = 'staff' | 'client';

/** One per client. Keeps what the inbox shows and when an unread-message email is due. */
export interface ConversationsTable {
  id: string;
  practice_id: string;
  client_id: string;
  created_at: string;
  last_message_at: string;
  last_message_id: string;
  last_sender: MessageSender;
  last_preview: string;
  /** The staff member who wrote last: the clinician told about the client's unread messages. */
  last_staff_id: string | null;
  /** Client messages staff have not read, and staff messages the client has not read. */
  staff_unread: number;
  client_unread: number;
  /** When to email the side that has unread messages; null when nothing is due. */
  staff_notify_at: string | null;
  client_notify_at: string | null;
  /** 1 once this run of unread messages has been emailed about; reading resets it. */
  staff_notified: Flag;
  client_notified: Flag;
}

export interface MessagesTable {
  id: string;
  practice_id: string;
  conversation_id: string;
  client_id: string;
  sender: MessageSender;
  staff_id: string | null;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface MessageAttachmentsTable {
  id: string;
  practice_id: string;
  client_id: string;
  message_id: string;
  position: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  /** Where the bytes live in the attachment store. */
  storage_key: string;
  sha256: string;
  created_at: string;
}

/** A document template (docs/decisions/032); its content lives in its immutable versions. */
export interface DocumentTemplatesTable {
  id: string;
  practice_id: string;
  kind: 'form' | 'consent';
  name: string;
  current_version_id: string;
  current_version: number;
  /** Which of Portico's starter templates this began as; null for the practice's own. */
  starter_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

/** One version of a template, never changed once written; `content` is TemplateContent as JSON. */
export interface DocumentTemplateVersionsTable {
  id: string;
  practice_id: string;
  template_id: string;
  version: number;
  name: string;
  content: string;
  created_by: string | null;
  created_at: string;
}

/** A packet of documents shared with a client at once. */
export interface DocumentSharesTable {
  id: string;
  practice_id: string;
  client_id: string;
  /** A calendar date, YYYY-MM-DD, in the practice's zone. */
  due_date: string | null;
  message: string | null;
  created_by: string | null;
  created_at: string;
  invited: Flag;
}

export type SharedDocumentStatus = 'sent' | 'viewed' | 'in_progress' | 'completed' | 'cancelled';

/** One document of a share, pinned to the template version it was shared with. */
export interface SharedDocumentsTable {
  id: string;
  practice_id: string;
  client_id: string;
  share_id: string;
  position: number;
  template_id: string;
  template_version_id: string;
  status: SharedDocumentStatus;
  sent_at: string;
  viewed_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  last_reminded_at: string | null;
  /** Answers as JSON, read through answersSchemaFor(content). */
  draft_answers: string | null;
  draft_saved_at: string | null;
  answers: string | null;
  signer_name: string | null;
  signature_storage_key: string | null;
  signer_ip: string | null;
  signer_user_agent: string | null;
  signed_at: string | null;
  content_sha256: string | null;
  pdf_storage_key: string | null;
  pdf_sha256: string | null;
}

/** A file a client attached to a file-upload question. */
export interface SharedDocumentFilesTable {
  id: string;
  practice_id: string;
  client_id: string;
  shared_document_id: string;
  question_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  created_at: string;
}

/** A file staff uploaded for the client to download from the portal. */
export interface ClientFilesTable {
  id: string;
  practice_id: string;
  client_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
  first_downloaded_at: string | null;
  removed_at: string | null;
}

/** Something the practice books (migration 022). */
export interface ServicesTable {
  id: string;
  practice_id: string;
  name: string;
  /** A CPT code such as 90834, when the practice bills with one. */
  cpt_code: string | null;
  duration_minutes: number;
  /** The default fee in integer minor units (cents). */
  fee_minor: number;
  /** 1 when clients may request it from the Client Portal. */
  online_requests: Flag;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Which clinicians offer a service. */
export interface ServiceCliniciansTable {
  practice_id: string;
  service_id: string;
  staff_id: string;
}

export type LocationKind = 'in_person' | 'telehealth';

/** Where appointments happen: in person (name and address) or telehealth (an optional default video link). */
export interface LocationsTable {
  id: string;
  practice_id: string;
  kind: LocationKind;
  name: string;
  address: string | null;
  video_link: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * An appointment's status: scheduled, attended and no_show hold the clinician's time; the three
 * cancellations free it (a late cancellation is one inside the practice's notice, which may be billed).
 */
export type AppointmentStatus =
  'scheduled' | 'attended' | 'no_show' | 'late_cancelled' | 'cancelled_by_client' | 'cancelled_by_practice';

/** One appointment: instants in UTC; the practice's zone is on the practice. */
export interface AppointmentsTable {
  id: string;
  practice_id: string;
  client_id: string;
  service_id: string;
  /** The team member whose time it takes. */
  clinician_id: string;
  location_id: string;
  starts_at: string;
  ends_at: string;
  status: AppointmentStatus;
  /** The video link for this appointment (telehealth), else the location's. */
  video_link: string | null;
  series_id: string | null;
  created_at: string;
  /** The staff member who booked it (who accepted the request, for a requested one). */
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/**
 * A recurring series: its rule in wall-clock time (first date, start time, IANA zone) and an
 * RFC 5545 RRULE without DTSTART (FREQ=WEEKLY;INTERVAL=1|2;UNTIL=…|COUNT=…), so 10:00 stays 10:00
 * across daylight-saving changes. Its appointments carry `series_id`.
 */
export interface AppointmentSeriesTable {
  id: string;
  practice_id: string;
  client_id: string;
  service_id: string;
  clinician_id: string;
  location_id: string;
  /** The first occurrence's local date, YYYY-MM-DD. */
  starts_on: string;
  /** The local start time, HH:mm. */
  start_time: string;
  time_zone: string;
  rrule: string;
  duration_minutes: number;
  video_link: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export type AppointmentRequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled' | 'expired';

/** A client's request for a time from the Client Portal; pending holds its time until `hold_expires_at`. */
export interface AppointmentRequestsTable {
  id: string;
  practice_id: string;
  client_id: string;
  service_id: string;
  clinician_id: string;
  location_id: string;
  starts_at: string;
  ends_at: string;
  status: AppointmentRequestStatus;
  hold_expires_at: string;
  client_message: string | null;
  /** The IANA zone the client chose to see times in. */
  client_time_zone: string;
  decline_reason: string | null;
  /** The appointment made when the request was accepted. */
  appointment_id: string | null;
  answered_at: string | null;
  answered_by: string | null;
  created_at: string;
}

/** A practice's online-request and reminder settings; a practice without a row has the column defaults. */
export interface SchedulingSettingsTable {
  practice_id: string;
  requests_enabled: Flag;
  min_notice_minutes: number;
  booking_window_days: number;
  slot_interval_minutes: number;
  buffer_minutes: number;
  hold_minutes: number;
  client_cancel_allowed: Flag;
  client_cancel_notice_minutes: number;
  reminder_minutes: number;
  /** Whether reminders name the service (off: a service's name can reveal the kind of care; migration 029). */
  reminder_names_service: Flag;
  updated_at: string;
}

/** One weekly block of a clinician's hours, in the practice's wall-clock time (migration 024). */
export interface AvailabilityBlocksTable {
  id: string;
  practice_id: string;
  clinician_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM; an end at or before the start runs past midnight. */
  start_time: string;
  end_time: string;
  location_id: string;
  /** A JSON array of service ids; empty: every service the clinician offers. */
  service_ids: string;
  /** The switch Allow online appointment requests. */
  allow_requests: Flag;
  created_at: string;
  updated_at: string;
}

/** A span in which a clinician takes nothing (UTC instants). */
export interface TimeOffTable {
  id: string;
  practice_id: string;
  clinician_id: string;
  starts_at: string;
  ends_at: string;
  note: string | null;
  created_at: string;
}

/** The IANA zone a client chose to see times in, in the Client Portal. */
export interface ClientTimeZonesTable {
  client_id: string;
  practice_id: string;
  time_zone: string;
  updated_at: string;
}

/** An appointment whose reminder was queued (once). */
export interface AppointmentRemindersTable {
  appointment_id: string;
  practice_id: string;
  sent_at: string;
}

/** What a practice bills as (Settings → Billing, migration 028); money in minor units of `currency`. */
export interface PracticeBillingSettingsTable {
  practice_id: string;
  legal_name: string | null;
  address: string | null;
  /** E.164, parsed in the region of the practice's time zone. */
  phone: string | null;
  /** EIN, NN-NNNNNNN. */
  tax_id: string | null;
  group_npi: string | null;
  /** ISO 4217. */
  currency: string;
  invoice_prefix: string;
  payment_terms_days: number;
  invoice_mode: 'per_appointment' | 'manual';
  late_cancel_fee_minor: number;
  no_show_fee_minor: number;
  updated_at: string;
}

/** A clinician's billing identity in one practice (migration 028). */
export interface ClinicianBillingIdentitiesTable {
  practice_id: string;
  staff_id: string;
  credentials: string | null;
  npi: string | null;
  license_number: string | null;
  /** USPS code of the licensing state. */
  license_state: string | null;
  updated_at: string;
}

/** A client's insurance and billing address (migration 028). */
export interface ClientBillingProfilesTable {
  practice_id: string;
  client_id: string;
  payer_name: string | null;
  member_id: string | null;
  billing_address: string | null;
  updated_at: string;
}

/** A client's ICD-10-CM diagnoses in order; position 0 is pointer A (migration 028). */
export interface ClientDiagnosesTable {
  practice_id: string;
  client_id: string;
  position: number;
  code: string;
  description: string;
}

export type BillableItemKind = 'service' | 'late_cancel' | 'no_show';

/** What an attended, no-show or late-cancelled appointment owes (migration 030, decision 040). */
export interface BillableItemsTable {
  id: string;
  practice_id: string;
  client_id: string;
  appointment_id: string;
  clinician_id: string;
  service_id: string;
  kind: BillableItemKind;
  /** The practice's wall-clock date of the appointment, YYYY-MM-DD. */
  date_of_service: string;
  description: string;
  cpt_code: string | null;
  units: number;
  /** The line's charge in minor units, editable until invoiced. */
  fee_minor: number;
  /** CMS-1500 24B: 11 office, 02 or 10 telehealth. */
  place_of_service: string;
  /** CMS-1500 24D modifiers, space separated (95 for telehealth). */
  modifiers: string;
  /** The invoice billing it; null while unbilled or after that invoice was voided. */
  invoice_id: string | null;
  waived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The next invoice number of a practice. */
export interface InvoiceCountersTable {
  practice_id: string;
  next_number: number;
}

/** An issued invoice; never changed but for `paid_minor` and its void (migration 030). */
export interface InvoicesTable {
  id: string;
  practice_id: string;
  client_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total_minor: number;
  /** What payments have applied to it, 0 ≤ paid ≤ total (a check). */
  paid_minor: number;
  replaces_invoice_id: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  /** The document as issued (JSON); its PDF is rendered from it. */
  snapshot: string;
  created_at: string;
  created_by: string | null;
}

/** A line of an invoice as issued. */
export interface InvoiceLinesTable {
  practice_id: string;
  invoice_id: string;
  position: number;
  billable_item_id: string | null;
  appointment_id: string | null;
  clinician_id: string | null;
  kind: BillableItemKind;
  date_of_service: string;
  description: string;
  cpt_code: string | null;
  units: number;
  fee_minor: number;
  place_of_service: string;
  modifiers: string;
}

export type PaymentKind = 'payment' | 'refund';
export type PaymentMethod = 'cash' | 'check' | 'card' | 'insurance' | 'online';

/** Money received or returned (migration 030); applied + refunded ≤ amount (a check). */
export interface PaymentsTable {
  id: string;
  practice_id: string;
  client_id: string;
  kind: PaymentKind;
  /** For a refund: the payment whose money it returns. */
  refund_of_payment_id: string | null;
  amount_minor: number;
  currency: string;
  /** The practice's wall-clock date it was received or returned, YYYY-MM-DD. */
  received_on: string;
  method: PaymentMethod;
  reference: string | null;
  /** Of a payment: how much is applied to invoices. */
  applied_minor: number;
  /** Of a payment: how much has been refunded. */
  refunded_minor: number;
  created_at: string;
  created_by: string | null;
}

/** Which part of a payment paid which invoice. */
export interface PaymentApplicationsTable {
  id: string;
  practice_id: string;
  payment_id: string;
  invoice_id: string;
  amount_minor: number;
  created_at: string;
  created_by: string | null;
}

export type BillingDocumentKind = 'statement' | 'superbill';

/** A statement or superbill as issued for a date range (migration 030). */
export interface BillingDocumentsTable {
  id: string;
  practice_id: string;
  client_id: string;
  kind: BillingDocumentKind;
  period_start: string;
  period_end: string;
  currency: string;
  snapshot: string;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  practices: PracticesTable;
  staff_users: StaffUsersTable;
  staff_memberships: StaffMembershipsTable;
  client_clinicians: ClientCliniciansTable;
  staff_invitations: StaffInvitationsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  email_changes: EmailChangesTable;
  staff_two_factor: StaffTwoFactorTable;
  staff_backup_codes: StaffBackupCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  clients: ClientsTable;
  client_emails: ClientEmailsTable;
  client_search_words: ClientSearchWordsTable;
  client_search_prefixes: ClientSearchPrefixesTable;
  practice_client_counts: PracticeClientCountsTable;
  rate_limit_windows: RateLimitWindowsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  portal_settings: PortalSettingsTable;
  portal_access: PortalAccessTable;
  practice_portal_state_counts: PracticePortalStateCountsTable;
  portal_tokens: PortalTokensTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  document_templates: DocumentTemplatesTable;
  document_template_versions: DocumentTemplateVersionsTable;
  document_shares: DocumentSharesTable;
  shared_documents: SharedDocumentsTable;
  shared_document_files: SharedDocumentFilesTable;
  client_files: ClientFilesTable;
  services: ServicesTable;
  service_clinicians: ServiceCliniciansTable;
  locations: LocationsTable;
  appointments: AppointmentsTable;
  appointment_series: AppointmentSeriesTable;
  appointment_requests: AppointmentRequestsTable;
  scheduling_settings: SchedulingSettingsTable;
  availability_blocks: AvailabilityBlocksTable;
  time_off: TimeOffTable;
  client_time_zones: ClientTimeZonesTable;
  appointment_reminders: AppointmentRemindersTable;
  practice_billing_settings: PracticeBillingSettingsTable;
  clinician_billing_identities: ClinicianBillingIdentitiesTable;
  client_billing_profiles: ClientBillingProfilesTable;
  billable_items: BillableItemsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
  payment_applications: PaymentApplicationsTable;
  billing_documents: BillingDocumentsTable;
  client_diagnoses: ClientDiagnosesTable;
}
