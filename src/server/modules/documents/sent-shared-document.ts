import type { SharedDocumentRow } from './shares.queries.js';

/** What a shared document holds the moment it is sent: placed in its share, nothing yet seen, drafted or signed. */
export function sentSharedDocument(
  fields: Pick<
    SharedDocumentRow,
    'id' | 'client_id' | 'share_id' | 'position' | 'template_id' | 'template_version_id' | 'sent_at'
  >,
): Omit<SharedDocumentRow, 'practice_id'> {
  return {
    ...fields,
    status: 'sent',
    viewed_at: null,
    started_at: null,
    completed_at: null,
    cancelled_at: null,
    cancelled_by: null,
    last_reminded_at: null,
    draft_answers: null,
    draft_saved_at: null,
    answers: null,
    signer_name: null,
    signature_storage_key: null,
    signer_ip: null,
    signer_user_agent: null,
    signed_at: null,
    content_sha256: null,
    pdf_storage_key: null,
    pdf_sha256: null,
  };
}
