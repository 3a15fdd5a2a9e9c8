/*
 * A fake host for the email agent page in the browser test: the small part of the
 * amazon-connect-streams API the page uses (connect.core.initCCP, connect.ContactType,
 * connect.contact(cb) with onConnecting/onConnected/onEnded, contact.getType/getAttributes,
 * attributes as { name: { name, value } } as Streams documents them), plus window.__fakeConnect
 * for the test to deliver a contact.
 */
(function () {
  'use strict';
  var subscribers = [];
  window.connect = {
    ContactType: { VOICE: 'voice', CHAT: 'chat', TASK: 'task' },
    core: {
      initCCP: function (container, options) {
        window.__fakeConnect.initOptions = { ccpUrl: options.ccpUrl, region: options.region };
      },
    },
    contact: function (cb) {
      subscribers.push(cb);
    },
  };
  window.__fakeConnect = {
    deliver: function (type, attributes) {
      var handlers = { connecting: [], connected: [], ended: [] };
      var contact = {
        getType: function () {
          return type;
        },
        getAttributes: function () {
          var out = {};
          Object.keys(attributes).forEach(function (k) {
            out[k] = { name: k, value: attributes[k] };
          });
          return out;
        },
        onConnecting: function (f) {
          handlers.connecting.push(f);
        },
        onConnected: function (f) {
          handlers.connected.push(f);
        },
        onEnded: function (f) {
          handlers.ended.push(f);
        },
      };
      subscribers.forEach(function (cb) {
        cb(contact);
      });
      handlers.connected.forEach(function (f) {
        f(contact);
      });
      return {
        end: function () {
          handlers.ended.forEach(function (f) {
            f(contact);
          });
        },
      };
    },
  };
})();
