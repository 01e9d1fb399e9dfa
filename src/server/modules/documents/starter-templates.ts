import type { StarterKey } from '../../../shared/schemas/documents.js';
import type { TemplateContentInput } from '../../../shared/schemas/document-templates.js';

/**
 * The templates Portico writes into every practice, to edit as its own. They are starting points
 * in plain words, not legal advice: each says where the practice should put its own details, and
 * the practice should have them reviewed for its jurisdiction.
 */
export interface StarterTemplate {
  key: StarterKey;
  name: string;
  content: TemplateContentInput;
}

const intake: StarterTemplate = {
  key: 'intake',
  name: 'Intake questionnaire',
  content: {
    kind: 'form',
    questions: [
      {
        id: 'about-you',
        kind: 'heading',
        label: 'About you',
        help: 'This helps us prepare for your first session. Your answers are kept in your confidential record.',
      },
      { id: 'legal-name', kind: 'short_text', label: 'Full legal name', required: true },
      { id: 'preferred-name', kind: 'short_text', label: 'Name you would like us to use' },
      { id: 'pronouns', kind: 'short_text', label: 'Pronouns' },
      { id: 'date-of-birth', kind: 'date', label: 'Date of birth', required: true },
      { id: 'phone', kind: 'phone', label: 'Best phone number', required: true },
      { id: 'email', kind: 'email', label: 'Email' },
      { id: 'address', kind: 'address', label: 'Home address', required: true },
      { id: 'voicemail', kind: 'yes_no', label: 'May we leave a voicemail at this number?', required: true },
      {
        id: 'emergency-contact',
        kind: 'short_text',
        label: 'Emergency contact (name, relationship and phone)',
        required: true,
      },
      { id: 'reason-heading', kind: 'heading', label: 'What brings you in' },
      {
        id: 'reason',
        kind: 'long_text',
        label: 'In your own words, what would you like help with?',
        required: true,
      },
      {
        id: 'concerns',
        kind: 'multiple_choice',
        label: 'Which of these have you noticed recently?',
        options: [
          'Low mood',
          'Worry or anxiety',
          'Sleep problems',
          'Stress at work or school',
          'Relationship difficulties',
          'Grief or loss',
          'Changes in appetite',
          'None of these',
        ],
      },
      {
        id: 'distress',
        kind: 'scale',
        label: 'Over the last two weeks, how much have these concerns affected your daily life?',
        min: 0,
        max: 10,
        minLabel: 'Not at all',
        maxLabel: 'Very much',
        required: true,
      },
      { id: 'previous-therapy', kind: 'yes_no', label: 'Have you seen a therapist or counselor before?' },
      {
        id: 'medications',
        kind: 'long_text',
        label: 'Medications you take now (name and dose), if any',
      },
      {
        id: 'referral',
        kind: 'dropdown',
        label: 'How did you hear about us?',
        options: ['Physician or other provider', 'Insurance directory', 'Friend or family', 'Online search', 'Other'],
      },
      {
        id: 'session-preference',
        kind: 'single_choice',
        label: 'How would you prefer to meet?',
        options: ['In person', 'Video', 'No preference'],
      },
      {
        id: 'insurance-card',
        kind: 'file_upload',
        label: 'Insurance card (front), if you plan to use insurance',
        help: 'A photo or PDF, up to 10 MB.',
      },
      {
        id: 'signature',
        kind: 'signature',
        label: 'I confirm that the information above is accurate to the best of my knowledge.',
        required: true,
      },
    ],
  },
};

const informedConsent: StarterTemplate = {
  key: 'informed_consent',
  name: 'Informed consent for therapy',
  content: {
    kind: 'consent',
    acknowledgement:
      'I have read this consent, had the chance to ask questions, and agree to begin therapy on these terms.',
    body: `# Informed consent for therapy

*Replace the words in brackets with your practice's details before sharing this document.*

## What therapy involves
Therapy is a collaborative process. Together we will agree on goals and ways to work toward them.
Talking about difficult experiences can bring up uncomfortable feelings for a while; many people
also find relief, better relationships and new ways of coping. No particular result can be
guaranteed.

## Sessions and fees
Sessions last about [50] minutes. The fee is [amount] per session. Please give at least
[24 hours'] notice to cancel or reschedule; late cancellations and missed sessions may be charged
[amount].

## Confidentiality
What you share in therapy is confidential, with these exceptions required or allowed by law:

- when there is a serious risk of harm to yourself or someone else;
- when there is reason to suspect abuse or neglect of a child, an elder or a dependent adult;
- when a court orders records to be released;
- when you give written permission to share information.

## Contacting us between sessions
Messages through the Client Portal are read during office hours. **The portal is not for
emergencies.** In an emergency call your local emergency number or go to the nearest emergency
room.

## Your rights
You may ask questions about your treatment at any time, request a copy of your records as the law
allows, and end therapy whenever you choose.
`,
  },
};

const privacyNotice: StarterTemplate = {
  key: 'privacy_notice',
  name: 'Notice of privacy practices',
  content: {
    kind: 'consent',
    acknowledgement: 'I acknowledge that I have received and read this notice of privacy practices.',
    body: `# Notice of privacy practices

*Replace the words in brackets with your practice's details before sharing this document.*

This notice describes how health information about you may be used and disclosed, and how you can
get access to it. Please review it carefully.

## How we use your information
- **Treatment:** to provide and coordinate your care.
- **Payment:** to bill and be paid for services, including by your insurer when you use insurance.
- **Operations:** to run the practice, for example scheduling, quality review and record keeping.

We do not sell your information or use it for marketing.

## Your rights
You have the right to:

- see and get a copy of your records;
- ask us to correct information you believe is wrong;
- ask us to limit what we share, or to contact you in a particular way;
- get a list of certain disclosures we have made;
- receive a paper copy of this notice.

## Questions and complaints
Contact [practice name] at [phone or email]. You may also file a complaint with the appropriate
authority. We will not retaliate against you for filing a complaint.

Effective date: [date]
`,
  },
};

const releaseOfInformation: StarterTemplate = {
  key: 'release_of_information',
  name: 'Release of information',
  content: {
    kind: 'form',
    questions: [
      {
        id: 'intro',
        kind: 'heading',
        label: 'Authorization to release information',
        help: 'With this form you allow us to exchange information about your care with the person or organization you name. You may revoke it in writing at any time, except for information already shared.',
      },
      { id: 'recipient-name', kind: 'short_text', label: 'Person or organization', required: true },
      { id: 'recipient-phone', kind: 'phone', label: 'Their phone number' },
      { id: 'recipient-address', kind: 'address', label: 'Their address' },
      {
        id: 'direction',
        kind: 'single_choice',
        label: 'This authorization allows us to',
        options: ['Send information to them', 'Receive information from them', 'Both send and receive'],
        required: true,
      },
      {
        id: 'information',
        kind: 'multiple_choice',
        label: 'Information that may be shared',
        options: [
          'Dates of attendance',
          'Diagnosis',
          'Treatment plan and progress',
          'Assessment results',
          'Discharge summary',
        ],
        required: true,
      },
      { id: 'purpose', kind: 'long_text', label: 'Purpose of the disclosure', required: true },
      {
        id: 'expires',
        kind: 'date',
        label: 'This authorization expires on',
        help: 'If you leave this blank, it expires one year from the date you sign.',
      },
      {
        id: 'signature',
        kind: 'signature',
        label: 'I authorize this release of information as described above.',
        required: true,
      },
    ],
  },
};

export const starterTemplates: readonly StarterTemplate[] = [
  intake,
  informedConsent,
  privacyNotice,
  releaseOfInformation,
];
