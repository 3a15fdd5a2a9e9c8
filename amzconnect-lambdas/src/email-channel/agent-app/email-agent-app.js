/*
 * Email task app of the Amazon Connect agent workspace (a third-party application, contact
 * scoped). The workspace opens it for each contact; it reads the contact's channel and the
 * attributes the email flows set (CaseId, Subject, FormattedUrl, OriginalUrl) through
 * @amazon-connect/contact, fetches the formatted mail once through its presigned URL, and offers
 * the relay actions as mailto: links, so agents answer from their own mail client. Everything is
 * rendered with textContent: mail content is never interpreted as HTML.
 *
 * Bundled by esbuild (lib/workloads/email-channel/build-agent-page.ts); config.js (written by the
 * deployment) sets window.EMAIL_AGENT_CONFIG = { mailDomain }.
 */
import { AmazonConnectApp } from '@amazon-connect/app';
import { ContactClient } from '@amazon-connect/contact';

const ATTRIBUTES = ['CaseId', 'Subject', 'FormattedUrl', 'OriginalUrl'];
const ACTIONS = ['reply', 'requeue', 'general', 'reject', 'original', 'formatted'];

const byId = (id) => document.getElementById(id);
const status = (text) => {
  byId('status').textContent = text;
};

function show(id, href) {
  const el = byId(id);
  if (href) el.href = href;
  el.hidden = !href;
}

/** An attribute's value: the workspace answers { name, value } per attribute (Agent Workspace API reference, contact getAttributes). */
function valueOf(attributes, name) {
  const a = attributes ? attributes[name] : undefined;
  if (typeof a === 'string') return a;
  return a && typeof a.value === 'string' ? a.value : '';
}

function relayLink(mailDomain, mailbox, caseId, subject, body) {
  return (
    'mailto:' +
    mailbox +
    '+' +
    caseId +
    '@' +
    mailDomain +
    '?subject=' +
    encodeURIComponent(subject) +
    (body ? '&body=' + encodeURIComponent(body) : '')
  );
}

function render(mail) {
  const from = mail.from
    ? mail.from.name
      ? mail.from.name + ' <' + mail.from.address + '>'
      : mail.from.address
    : '';
  byId('meta').textContent = from + ' · ' + (mail.date || mail.receivedAt);
  const i = mail.insights || {};
  const parts = [];
  if (i.language) parts.push('Language: ' + i.language.code);
  if (i.sentiment) parts.push('Sentiment: ' + i.sentiment.label);
  const entities = (i.entities || []).filter((e) => e.score >= 0.8);
  if (entities.length)
    parts.push('Entities: ' + entities.map((e) => e.text + ' (' + e.type + ')').join(', '));
  byId('insights').textContent = parts.join(' · ');
  const body = byId('body');
  body.textContent = mail.body;
  body.hidden = false;
  const list = byId('attachments');
  (mail.attachments || []).forEach((a) => {
    const li = document.createElement('li');
    li.textContent = a.filename + ' (' + a.contentType + ', ' + a.size + ' bytes; in the original .eml)';
    list.appendChild(li);
  });
  status('');
}

/** Shows one contact: an email task with its links, or says why there is nothing to show. */
async function showContact(contacts, contactId, config) {
  ACTIONS.forEach((id) => show(id, ''));
  const channel = await contacts.getChannelType(contactId);
  if (!channel || channel.type !== 'task') {
    status('This contact is not an email task; nothing to show.');
    return;
  }
  const attributes = await contacts.getAttributes(contactId, ATTRIBUTES);
  const caseId = valueOf(attributes, 'CaseId');
  if (!caseId) {
    status('This task has no email case (no CaseId attribute); nothing to show.');
    return;
  }
  const subject = valueOf(attributes, 'Subject') || '(no subject)';
  byId('subject').textContent = subject;
  const reply = /^(re|aw|sv|antw):/i.test(subject) ? subject : 'Re: ' + subject;
  // Every relay address but rejectrelay sends the answer; it decides where the customer's NEXT mail goes.
  show('reply', relayLink(config.mailDomain, 'agentrelay', caseId, reply, ''));
  show('requeue', relayLink(config.mailDomain, 'queuerelay', caseId, reply, ''));
  show('general', relayLink(config.mailDomain, 'relay', caseId, reply, ''));
  show(
    'reject',
    relayLink(config.mailDomain, 'rejectrelay', caseId, reply, 'Why this case is closed without an answer:'),
  );
  const formattedUrl = valueOf(attributes, 'FormattedUrl');
  show('original', valueOf(attributes, 'OriginalUrl'));
  show('formatted', formattedUrl);
  if (!formattedUrl) {
    status(
      'No mail links on this task: they are set while it waits in the queue. Answer with the links above.',
    );
    return;
  }
  status('Loading the mail…');
  // Fetched once, when the app opens: the presigned URL expires (see README.md).
  try {
    const res = await fetch(formattedUrl);
    if (!res.ok) throw new Error('HTTP ' + res.status);
    render(await res.json());
  } catch (err) {
    status('Cannot load the mail here (' + err.message + '); use "Open formatted mail".');
  }
}

const config = window.EMAIL_AGENT_CONFIG;
if (!config || !config.mailDomain) {
  status('Missing config.js; see README.md.');
} else {
  const { provider } = AmazonConnectApp.init({
    onCreate: async (event) => {
      // A contact-scoped app gets its contact in the create event's scope (Agent Workspace
      // developer guide, "Integrate application with Amazon Connect Agent Workspace contact data").
      const scope = event.context.scope;
      if (!scope || scope.type !== 'contact') {
        status('Open this app from a contact in the agent workspace.');
        return;
      }
      try {
        await showContact(new ContactClient({ provider }), scope.contactId, config);
      } catch (err) {
        status(
          'The agent workspace did not answer (' + (err && err.message ? err.message : String(err)) + ').',
        );
      }
    },
  });
}
