import * as fs from 'fs';
import * as path from 'path';

/**
 * The cancellation notice's SES template files, the same in every environment: `subject.txt`
 * (one line), `text.txt` and `body.html`. Their `{{Field}}` variables are the notice fields the
 * send functions put in `TemplateData`.
 */
export const NOTICE_TEMPLATE_DIR = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'config',
  'templates',
  'agent-guides',
  'cancellation-notice',
);

/** The parts of an SES template (SES v2 `EmailTemplateContent`: Subject, Text, Html). */
export interface NoticeTemplateContent {
  /** The subject line, without its line break. */
  readonly subject: string;
  /** The plain-text body. */
  readonly text: string;
  /** The HTML body. */
  readonly html: string;
}

/** Reads the template files of `dir`. @throws Error when a file is missing or empty */
export function readNoticeTemplate(dir: string = NOTICE_TEMPLATE_DIR): NoticeTemplateContent {
  const read = (file: string, trim: boolean) => {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    const value = trim ? content.trim() : content;
    if (value.trim() === '') throw new Error(`The SES template file ${path.join(dir, file)} is empty.`);
    return value;
  };
  return {
    subject: read('subject.txt', true),
    text: read('text.txt', false),
    html: read('body.html', false),
  };
}

// SES renders templates with Handlebars (SES developer guide, "Using templates to send
// personalized email"): `{{expr}}`, `{{{expr}}}` and `{{#helper ...}}` all start with `{{`.
const EXPRESSION = /\{\{\{?\s*([^{}]*?)\s*\}?\}\}/g;

/** Every distinct `{{...}}` expression of the template's parts, sorted (pure). */
export function templateExpressions(content: NoticeTemplateContent): string[] {
  const all = [content.subject, content.text, content.html].flatMap((part) =>
    [...part.matchAll(EXPRESSION)].map((m) => m[1]),
  );
  return [...new Set(all)].sort();
}
