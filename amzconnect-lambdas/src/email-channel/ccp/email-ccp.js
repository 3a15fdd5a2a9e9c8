/*
 * Email CCP: the Connect CCP (amazon-connect-streams) plus the mail of the email task the agent
 * is handling. It reads the contact attributes the email flows set (CaseId, Subject,
 * FormattedUrl, OriginalUrl), fetches the formatted mail JSON through its presigned URL, and
 * offers the relay actions as mailto: links, so agents answer from their own mail client.
 * Everything is rendered with textContent: mail content is never interpreted as HTML.
 */
(function () {
  'use strict';
  var config = window.EMAIL_CCP_CONFIG;
  var byId = function (id) {
    return document.getElementById(id);
  };
  var status = function (text) {
    byId('status').textContent = text;
  };

  if (!config || !window.connect) {
    status('Missing config.js or connect-streams-min.js; see README.md.');
    return;
  }

  window.connect.core.initCCP(byId('ccp'), {
    ccpUrl: config.ccpUrl,
    region: config.region,
    loginPopup: true,
    loginPopupAutoClose: true,
    softphone: { allowFramedSoftphone: true },
  });

  function attribute(contact, name) {
    var a = contact.getAttributes()[name];
    return a && typeof a.value === 'string' ? a.value : '';
  }

  function relayLink(mailbox, caseId, subject, body) {
    var address = mailbox + '+' + caseId + '@' + config.mailDomain;
    return (
      'mailto:' +
      address +
      '?subject=' +
      encodeURIComponent(subject) +
      (body ? '&body=' + encodeURIComponent(body) : '')
    );
  }

  function show(id, href) {
    var el = byId(id);
    el.href = href;
    el.hidden = !href;
  }

  function clear() {
    byId('subject').textContent = 'No email task';
    ['meta', 'insights', 'body', 'attachments', 'status'].forEach(function (id) {
      byId(id).textContent = '';
    });
    ['reply', 'requeue', 'general', 'reject', 'original', 'formatted'].forEach(function (id) {
      byId(id).hidden = true;
    });
  }

  function render(mail) {
    byId('meta').textContent =
      (mail.from
        ? mail.from.name
          ? mail.from.name + ' <' + mail.from.address + '>'
          : mail.from.address
        : '') +
      ' · ' +
      (mail.date || mail.receivedAt);
    var i = mail.insights || {};
    var parts = [];
    if (i.language) parts.push('Language: ' + i.language.code);
    if (i.sentiment) parts.push('Sentiment: ' + i.sentiment.label);
    if (i.entities && i.entities.length)
      parts.push(
        'Entities: ' +
          i.entities
            .filter(function (e) {
              return e.score >= 0.8;
            })
            .map(function (e) {
              return e.text + ' (' + e.type + ')';
            })
            .join(', '),
      );
    byId('insights').textContent = parts.join(' · ');
    byId('body').textContent = mail.body;
    var list = byId('attachments');
    (mail.attachments || []).forEach(function (a) {
      var li = document.createElement('li');
      li.textContent = a.filename + ' (' + a.contentType + ', ' + a.size + ' bytes; in the original .eml)';
      list.appendChild(li);
    });
  }

  function showTask(contact) {
    if (contact.getType() !== window.connect.ContactType.TASK) return;
    var caseId = attribute(contact, 'CaseId');
    if (!caseId) return;
    var subject = attribute(contact, 'Subject') || '(no subject)';
    clear();
    byId('subject').textContent = subject;
    var reply = /^(re|aw|sv|antw):/i.test(subject) ? subject : 'Re: ' + subject;
    // Every relay address but rejectrelay sends the answer; it decides where the customer's NEXT mail goes.
    show('reply', relayLink('agentrelay', caseId, reply, ''));
    show('requeue', relayLink('queuerelay', caseId, reply, ''));
    show('general', relayLink('relay', caseId, reply, ''));
    show('reject', relayLink('rejectrelay', caseId, reply, 'Why this case is closed without an answer:'));
    var formattedUrl = attribute(contact, 'FormattedUrl');
    show('original', attribute(contact, 'OriginalUrl'));
    show('formatted', formattedUrl);
    if (!formattedUrl) {
      status('The task has no mail URLs yet; they are set while it waits in the queue.');
      return;
    }
    // Fetched once, when the task arrives: the presigned URL expires (see README.md).
    fetch(formattedUrl)
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(render)
      .catch(function (err) {
        status('Cannot load the mail here (' + err.message + '); use "Open formatted mail".');
      });
  }

  window.connect.contact(function (contact) {
    contact.onConnecting(showTask);
    contact.onConnected(showTask);
    contact.onEnded(clear);
  });
})();
