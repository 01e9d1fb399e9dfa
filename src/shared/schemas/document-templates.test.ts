import { describe, expect, it } from 'vitest';
import {
  answersSchemaFor,
  consentSignatureId,
  findAnswerProblems,
  findMissingRequired,
  questionKinds,
  templateContent,
  type TemplateContentInput,
} from './document-templates.js';

const everyKind: TemplateContentInput = {
  kind: 'form',
  questions: [
    { id: 'name', kind: 'short_text', label: 'Your name', required: true },
    { id: 'story', kind: 'long_text', label: 'What brings you here?' },
    { id: 'pronouns', kind: 'single_choice', label: 'Pronouns', options: ['she/her', 'he/him', 'they/them'] },
    { id: 'concerns', kind: 'multiple_choice', label: 'Concerns', options: ['Sleep', 'Mood', 'Work'] },
    { id: 'heard', kind: 'dropdown', label: 'How did you hear of us?', options: ['Friend', 'Search'] },
    { id: 'before', kind: 'yes_no', label: 'Have you had therapy before?', required: true },
    { id: 'dob', kind: 'date', label: 'Date of birth' },
    { id: 'sleep', kind: 'number', label: 'Hours of sleep', min: 0, max: 24 },
    { id: 'mood', kind: 'scale', label: 'Mood today', min: 1, max: 10, minLabel: 'Low', maxLabel: 'High' },
    { id: 'email', kind: 'email', label: 'Email' },
    { id: 'phone', kind: 'phone', label: 'Phone' },
    { id: 'home', kind: 'address', label: 'Home address', required: true },
    { id: 'h1', kind: 'heading', label: 'About your insurance', help: 'Attach both sides of the card.' },
    { id: 'card', kind: 'file_upload', label: 'Insurance card' },
    { id: 'sig', kind: 'signature', label: 'Sign to confirm', required: true },
  ],
};

describe('the template schema', () => {
  it('takes a form with every kind of question', () => {
    const parsed = templateContent.parse(everyKind);
    expect(parsed.kind === 'form' && parsed.questions.map((q) => q.kind)).toEqual([...questionKinds]);
  });

  it('names what is wrong with a form: choices without options, a required heading, repeated ids', () => {
    const result = templateContent.safeParse({
      kind: 'form',
      questions: [
        { id: 'a', kind: 'short_text', label: 'One' },
        { id: 'a', kind: 'short_text', label: 'Two' },
        { id: 'c', kind: 'dropdown', label: 'Pick', options: [] },
        { id: 'd', kind: 'heading', label: 'Heading', required: true },
        { id: 'e', kind: 'scale', label: 'Scale', min: 1, max: 20 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['questions.2.options', 'questions.3.required', 'questions.4.max']);
    const repeated = templateContent.safeParse({
      kind: 'form',
      questions: [
        { id: 'a', kind: 'short_text', label: 'One' },
        { id: 'a', kind: 'number', label: 'Two', min: 5, max: 1 },
      ],
    });
    expect(repeated.error?.issues.map((i) => i.path.join('.'))).toEqual(['questions.1.id', 'questions.1.max']);
  });

  it('takes a consent in markdown, answered by one required signature', () => {
    const consent = templateContent.parse({
      kind: 'consent',
      body: '# Consent\n\nI agree to **treatment**.',
      acknowledgement: 'I have read this and agree.',
    });
    expect(findMissingRequired(consent, {})).toEqual([
      expect.objectContaining({ questionId: consentSignatureId, problem: 'required', message: 'must be signed' }),
    ]);
  });
});

describe('answers', () => {
  const content = templateContent.parse(everyKind);

  it('holds a draft to the shape of each kind and refuses questions the template lacks', () => {
    const schema = answersSchemaFor(content);
    expect(schema.safeParse({ name: 'Ada', email: 'ada@', pronouns: 'they/them' }).success).toBe(true);
    const wrong = schema.safeParse({ pronouns: 'xe/xem', mood: 11, concerns: ['Sleep', 'Sleep'], h1: 'x', other: 1 });
    expect(wrong.success).toBe(false);
    const paths = wrong.error?.issues.map((i) => i.path.join('.') || i.message).sort();
    expect(paths).toEqual(expect.arrayContaining(['pronouns', 'mood', 'concerns']));
    expect(wrong.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('lists each required question and signature left unanswered, in order', () => {
    const answers = answersSchemaFor(content).parse({
      name: '  ',
      home: { line1: '1 Main St' },
      sig: { method: 'typed', signerName: 'Ada Lovelace', consentToSign: false },
    });
    expect(findMissingRequired(content, answers).map((p) => [p.questionId, p.message])).toEqual([
      ['name', 'is required'],
      ['before', 'is required'],
      ['home', 'is required'],
      ['sig', 'must be signed'],
    ]);
  });

  it('passes a complete submission and names answers not written as their kind asks', () => {
    const complete = answersSchemaFor(content).parse({
      name: 'Ada',
      before: false,
      home: { line1: '1 Main St', city: 'Boston' },
      sig: { method: 'drawn', signerName: 'Ada', image: 'data:image/png;base64,iVBORw0KGgo=', consentToSign: true },
    });
    expect(findAnswerProblems(content, complete)).toEqual([]);
    const invalid = answersSchemaFor(content).parse({
      ...complete,
      email: 'ada@',
      phone: 'call me',
      dob: '2026-02-30',
      sleep: 25,
    });
    expect(findAnswerProblems(content, invalid).map((p) => [p.questionId, p.problem])).toEqual([
      ['dob', 'invalid'],
      ['sleep', 'invalid'],
      ['email', 'invalid'],
      ['phone', 'invalid'],
    ]);
  });
});
