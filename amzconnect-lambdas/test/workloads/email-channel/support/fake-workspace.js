/*
 * A fake Amazon Connect agent workspace for the browser test: it frames the email task app and
 * speaks the app SDK's side of the protocol as @amazon-connect/app 1.0.11 expects it
 * (node_modules/@amazon-connect/app/lib/proxy/app-proxy.js and @amazon-connect/core's Proxy):
 *   app -> window.parent: { type: 'connect-app-host-init', providerId } with a MessagePort;
 *   host -> port: { type: 'acknowledge', connectionId, healthCheckInterval };
 *   host -> port: { type: 'appLifecycle', stage: 'create', scope: { type: 'contact', contactId } };
 *   app -> port: { type: 'request', namespace, command, requestId, data };
 *   host -> port: { type: 'response', requestId, isError, data }.
 * The contacts come from contacts.js (window.FAKE_CONTACTS, written by the test); the contact to
 * open is the `contact` query parameter, the app URL the `app` parameter.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var contactId = params.get('contact');
  var contact = window.FAKE_CONTACTS[contactId];
  var record = (window.__fakeWorkspace = { requests: [], closeApp: [], created: false });
  var frame = document.createElement('iframe');
  frame.id = 'app';
  frame.src = params.get('app');
  frame.width = '900';
  frame.height = '700';

  function answer(msg) {
    var d = msg.data || {};
    if (d.contactId !== contactId) return { isError: true, data: undefined, message: 'unknown contact' };
    switch (msg.command) {
      case 'contact/getChannelType':
        return { isError: false, data: contact.channel };
      case 'contact/getAttributes': {
        // One { name, value } per attribute (Agent Workspace API reference, getAttributes).
        var out = {};
        var names = d.attributes === '*' ? Object.keys(contact.attributes) : d.attributes;
        names.forEach(function (n) {
          if (n in contact.attributes) out[n] = { name: n, value: contact.attributes[n] };
        });
        return { isError: false, data: out };
      }
      default:
        return { isError: true, data: undefined, message: 'not granted: ' + msg.command };
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || !event.data || event.data.type !== 'connect-app-host-init')
      return;
    var port = event.ports[0];
    port.onmessage = function (e) {
      var msg = e.data;
      if (msg.type === 'request') {
        record.requests.push(msg.command);
        var a = answer(msg);
        port.postMessage({
          type: 'response',
          namespace: msg.namespace,
          command: msg.command,
          requestId: msg.requestId,
          isError: a.isError,
          data: a.data,
          errorKey: a.isError ? 'fakeWorkspaceError' : undefined,
          reason: a.message,
        });
      } else if (msg.type === 'appLifecycleHandlerCompleted' && msg.stage === 'create') {
        record.created = true;
      } else if (msg.type === 'closeApp') {
        record.closeApp.push(msg.message);
      }
    };
    port.postMessage({
      type: 'acknowledge',
      connectionId: 'fake-connection',
      status: 'ready',
      healthCheckInterval: 0,
    });
    port.postMessage({
      type: 'appLifecycle',
      stage: 'create',
      instanceId: 'fake-app-instance',
      config: { name: 'email-task' },
      scope: { type: 'contact', contactId: contactId },
      contactScope: { type: 'contact', contactId: contactId },
      launchedBy: { type: 'contact' },
      region: 'us-east-1',
    });
  });
  document.body.appendChild(frame);
})();
