import * as path from 'path';
import { FLOWS_DIR, lintFlows, loadRepoCatalog, loadRepoFlows } from '@amzconnect/contact-flows';

const MESSAGING_FLOWS = path.join(FLOWS_DIR, 'messaging-channels');

describe('messaging channel flows', () => {
  const repo = loadRepoFlows(FLOWS_DIR);
  const flows = repo.flows.filter((f) => f.path.startsWith(MESSAGING_FLOWS));
  const byName = (name: string) => flows.find((f) => f.document.name === name)?.document;

  it('are the chat flow and its disconnect flow, both pass the linter with the repository catalog', () => {
    expect(flows.map((f) => [f.document.name, f.document.type])).toEqual([
      ['ACME_messaging_chat', 'CONTACT_FLOW'],
      ['ACME_messaging_disconnect', 'CONTACT_FLOW'],
    ]);
    const { catalog } = loadRepoCatalog(repo.flows.map((f) => f.document));
    expect(lintFlows({ flows, catalog })).toEqual([]);
  });

  it('set the disconnect flow (CustomerRemaining) before the chat reaches a queue', () => {
    // UpdateContactEventHooks: CustomerRemaining is the "Set disconnect flow" hook
    // (https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontacteventhooks.html).
    const actions = byName('ACME_messaging_chat')?.content.Actions ?? [];
    const hook = actions.findIndex((a) => a.Type === 'UpdateContactEventHooks');
    expect(actions[hook]?.Parameters).toEqual({
      EventHooks: { CustomerRemaining: '${flow:ACME_messaging_disconnect}' },
    });
    expect(hook).toBeLessThan(actions.findIndex((a) => a.Type === 'TransferContactToQueue'));
  });

  it('say goodbye on the channel and end the chat in the disconnect flow', () => {
    const actions = byName('ACME_messaging_disconnect')?.content.Actions ?? [];
    expect(actions.map((a) => a.Type)).toEqual(['MessageParticipant', 'DisconnectParticipant']);
  });
});
