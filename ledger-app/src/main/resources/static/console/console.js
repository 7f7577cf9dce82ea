// The operator console: the ledger's REST API, as its documentation describes it, called with the console's
// session. It adds no power of its own: every read and every action is an API request, and what the API refuses is
// shown as the API said it (its problem+json code and detail). Data is put into the page as text, never as HTML.
'use strict';

const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
const SECTIONS = ['transfers', 'history', 'reviews', 'operations'];

const state = {user: null, roles: [], transferCursor: null, historyPage: 0, reviewCursor: null};

// ---- talking to the API ----------------------------------------------------------------------------------------

function csrfToken() {
  const cookie = document.cookie.split('; ').find(part => part.startsWith(CSRF_COOKIE + '='));
  return cookie ? decodeURIComponent(cookie.substring(CSRF_COOKIE.length + 1)) : '';
}

/** Sends one request; answers {ok, status, body}. A session that has ended goes back to the login page. */
async function api(method, path, body) {
  // X-Requested-With: a 401 then comes bare, without a challenge that would make the browser ask for a password.
  const headers = {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
  if (method !== 'GET') {
    headers[CSRF_HEADER] = csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (response.status === 401) {
    window.location.assign('/console/login');
    return {ok: false, status: 401, body: {code: 'UNAUTHENTICATED', detail: 'The session has ended'}};
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (notJson) {
    parsed = {code: 'HTTP_' + response.status, detail: text.substring(0, 200)};
  }
  return {ok: response.ok, status: response.status, body: parsed};
}

function refusalText(answer) {
  const problem = answer.body || {};
  return (problem.code || 'HTTP_' + answer.status) + ': ' + (problem.detail || problem.title || 'refused');
}

function showProblem(element, answer) {
  element.textContent = refusalText(answer);
  element.hidden = false;
}

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== null && value !== undefined && String(value).trim() !== '') {
      search.set(name, String(value).trim());
    }
  });
  const text = search.toString();
  return text ? '?' + text : '';
}

// ---- putting things on the page ---------------------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'onclick') {
      element.addEventListener('click', value);
    } else if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach(child => element.append(child instanceof Node ? child : String(child ?? '')));
  return element;
}

function fractionDigits(currency) {
  try {
    return new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
  } catch (unknownCurrency) {
    return 2;
  }
}

/** An amount in minor units (an integer, as the API gives it), as a decimal with its currency. */
function money(minorUnits, currency) {
  if (minorUnits === null || minorUnits === undefined) {
    return '';
  }
  const digits = fractionDigits(currency);
  const negative = Number(minorUnits) < 0;
  const units = String(Math.abs(Number(minorUnits))).padStart(digits + 1, '0');
  const whole = digits === 0 ? units : units.slice(0, -digits) + '.' + units.slice(-digits);
  return (negative ? '−' : '') + whole + ' ' + currency;
}

/**
 * An amount of the review queue: minor units with the entry's currency, as the API serves it, or a decimal string
 * with its own currency, {"amount": "12.50", "currency": "EUR"}, as issue 22's contract first described it.
 */
function reviewMoney(amount, currency) {
  if (amount !== null && typeof amount === 'object') {
    return amount.amount + ' ' + amount.currency;
  }
  return money(amount, currency);
}

function instant(value) {
  return value ? String(value).replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1Z') : '';
}

function statusBadge(status) {
  return el('span', {'class': 'status status-' + String(status).toLowerCase()}, status);
}

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

function timeline(list, steps) {
  list.replaceChildren(...(steps || []).map(step => el('li', {},
      el('span', {'class': 'step'}, step.name), ' ', el('time', {}, instant(step.at)))));
}

function accountLink(accountId) {
  return el('a', {href: '#history', 'class': 'account', onclick: () => openHistory(accountId)}, accountId);
}

function has(...roles) {
  return roles.some(role => state.roles.includes(role));
}

// ---- transfers --------------------------------------------------------------------------------------------------

async function searchTransfers(more) {
  const form = document.getElementById('transfer-search');
  const problem = document.getElementById('transfer-problem');
  const body = document.querySelector('#transfer-results tbody');
  problem.hidden = true;
  const filters = Object.fromEntries(new FormData(form));
  const answer = await api('GET', '/api/transfers' + query({...filters, cursor: more ? state.transferCursor : null}));
  if (!more) {
    body.replaceChildren();
  }
  if (!answer.ok) {
    showProblem(problem, answer);
    return;
  }
  answer.body.items.forEach(transfer => body.append(el('tr', {'data-transfer-id': transfer.transferId},
      el('td', {}, el('a', {href: '#transfers', onclick: () => openTransfer(transfer.transferId)},
          transfer.transferId)),
      el('td', {}, instant(transfer.requestedAt)),
      el('td', {}, accountLink(transfer.sourceAccountId)),
      el('td', {}, accountLink(transfer.destinationAccountId)),
      el('td', {'class': 'num'}, money(transfer.amount, transfer.currency)),
      el('td', {}, statusBadge(transfer.status)),
      el('td', {}, transfer.failureCode || ''))));
  if (!answer.body.items.length && !more) {
    body.append(el('tr', {}, el('td', {colspan: 7}, 'No transfer matches.')));
  }
  state.transferCursor = answer.body.nextCursor;
  document.getElementById('transfer-more').hidden = !state.transferCursor;
}

async function openTransfer(transferId) {
  show('transfers');
  document.querySelector('#transfer-open [name=transferId]').value = transferId;
  const problem = document.getElementById('transfer-problem');
  const detail = document.getElementById('transfer-detail');
  problem.hidden = true;
  const answer = await api('GET', '/api/transfers/' + encodeURIComponent(transferId));
  if (!answer.ok) {
    detail.hidden = true;
    showProblem(problem, answer);
    return;
  }
  const transfer = answer.body;
  document.getElementById('transfer-id').textContent = transfer.transferId;
  facts(document.getElementById('transfer-facts'), [
    ['Status', statusBadge(transfer.status)],
    ['Failure', transfer.failureCode],
    ['Amount', money(transfer.amount, transfer.currency)],
    ['From', accountLink(transfer.sourceAccountId)],
    ['To', accountLink(transfer.destinationAccountId)],
    ['Reference', transfer.reference],
    ['Requested', instant(transfer.requestedAt)],
    ['Capture', transfer.capture],
    ['Correlation id', transfer.correlationId]
  ]);
  timeline(document.getElementById('transfer-steps'), transfer.steps);
  detail.hidden = false;
  detail.scrollIntoView({block: 'nearest'});
}

// ---- account history --------------------------------------------------------------------------------------------

function openHistory(accountId) {
  document.querySelector('#history-form [name=accountId]').value = accountId;
  state.historyPage = 0;
  show('history');
  loadHistory();
}

async function loadHistory() {
  const form = document.getElementById('history-form');
  const problem = document.getElementById('history-problem');
  const result = document.getElementById('history-result');
  problem.hidden = true;
  const accountId = form.elements.accountId.value.trim();
  const size = form.elements.size.value;
  const answer = await api('GET', '/api/accounts/' + encodeURIComponent(accountId) + '/history'
      + query({page: state.historyPage, size}));
  if (!answer.ok) {
    result.hidden = true;
    showProblem(problem, answer);
    return;
  }
  const history = answer.body;
  const events = history.events || [];
  document.querySelector('#history-events tbody').replaceChildren(...events.map(event => el('tr',
      {'data-sequence': event.sequence},
      el('td', {'class': 'num'}, event.sequence),
      el('td', {}, instant(event.timestamp)),
      el('td', {}, event.type),
      el('td', {'class': 'num'}, money(event.amount, history.currency)),
      el('td', {}, event.transferId
          ? el('a', {href: '#transfers', onclick: () => openTransfer(event.transferId)}, event.transferId) : ''),
      el('td', {}, historyNote(event)),
      el('td', {'class': 'num balance'}, money(event.balanceAfter, history.currency)))));
  const last = events[events.length - 1];
  const page = history.page || {number: 0, totalPages: 1, totalElements: events.length};
  document.getElementById('history-summary').replaceChildren(
      'Account ', el('code', {}, history.accountId), ' (' + history.currency + '), ' + page.totalElements + ' events. ',
      last ? el('span', {id: 'history-last-balance'}, 'Balance after event #' + last.sequence + ': ',
          el('strong', {}, money(last.balanceAfter, history.currency))) : '');
  document.getElementById('history-page').textContent =
      'page ' + (page.number + 1) + ' of ' + Math.max(page.totalPages, 1);
  document.getElementById('history-previous').disabled = page.number <= 0;
  document.getElementById('history-next').disabled = page.number + 1 >= page.totalPages;
  result.hidden = false;
}

/** The broken rule or refund reason of an event, and the manual-review resolution that sent its leg, if one did. */
function historyNote(event) {
  const resolution = event.resolution;
  const note = resolution ? resolution.action + ' by ' + resolution.decidedBy
      + (resolution.approvedBy ? ', approved by ' + resolution.approvedBy : '') + ': ' + resolution.reason : '';
  return [event.reason, note].filter(Boolean).join('; ');
}

// ---- manual review ----------------------------------------------------------------------------------------------

async function loadReviews(more) {
  const list = document.getElementById('review-list');
  const problem = document.getElementById('review-problem');
  problem.hidden = true;
  const answer = await api('GET', '/api/admin/reviews' + query({limit: 20, cursor: more ? state.reviewCursor : null}));
  if (!more) {
    list.replaceChildren();
  }
  if (!answer.ok) {
    showProblem(problem, answer);
    return;
  }
  // The page's entries are "items", as in every other listing of the API ("content" in the contract's first draft).
  (answer.body.items || answer.body.content || []).forEach(entry => list.append(reviewCard(entry)));
  document.getElementById('review-empty').hidden = list.children.length > 0;
  state.reviewCursor = answer.body.nextCursor;
  document.getElementById('review-more').hidden = !state.reviewCursor;
}

function reviewCard(entry) {
  const card = document.getElementById('review-template').content.firstElementChild.cloneNode(true);
  card.dataset.transferId = entry.transferId;
  fillReviewCard(card, entry);
  card.querySelector('form.propose').addEventListener('submit', event => {
    event.preventDefault();
    propose(card);
  });
  card.querySelector('form.approve').addEventListener('submit', event => {
    event.preventDefault();
    approve(card);
  });
  return card;
}

function fillReviewCard(card, entry) {
  card.querySelector('.review-transfer').replaceChildren(
      el('a', {href: '#transfers', onclick: () => openTransfer(entry.transferId)}, entry.transferId));
  card.querySelector('header .status').replaceWith(statusBadge(entry.status));
  facts(card.querySelector('.review-facts'), [
    ['Why it stopped', entry.reason],
    ['Amount', reviewMoney(entry.amount, entry.currency)],
    ['In review since', instant(entry.flaggedAt)],
    ['From', accountLink(entry.sourceAccountId)],
    ['To', accountLink(entry.destinationAccountId)],
    ['What the evidence allows', (entry.allowedActions || []).join(', ') || 'nothing']
  ]);
  const evidence = entry.evidence || {legs: []};
  card.querySelector('.review-checked').textContent = evidence.checkedAt ? 'checked ' + instant(evidence.checkedAt) : '';
  card.querySelector('.evidence tbody').replaceChildren(...(evidence.legs || []).map(leg => el('tr',
      {'data-leg': leg.leg},
      el('td', {}, leg.leg),
      el('td', {}, leg.accountId ? accountLink(leg.accountId) : ''),
      el('td', {}, el('span', {'class': 'leg leg-' + String(leg.state).toLowerCase()}, leg.state)),
      el('td', {'class': 'num'}, reviewMoney(leg.amount, entry.currency)),
      el('td', {}, leg.reason || ''),
      el('td', {'class': 'num'}, leg.sequenceNumber ?? ''),
      el('td', {}, instant(leg.at)))));
  timeline(card.querySelector('.review-steps'), entry.steps);

  const pending = entry.pendingResolution && entry.pendingResolution.state === 'AWAITING_APPROVAL'
      ? entry.pendingResolution : null;
  card.querySelector('.pending').hidden = !pending;
  if (pending) {
    card.dataset.resolutionId = pending.resolutionId;
    facts(card.querySelector('.pending-facts'), [
      ['Action', pending.action],
      ['Proposed by', pending.proposedBy],
      ['Proposed', instant(pending.proposedAt)],
      ['Reason', pending.reason],
      ['Expires', instant(pending.expiresAt)],
      ['State', pending.state]
    ]);
  }
  // Only admins act; an auditor reads. Who may approve is the API's to say (never the proposer): it is asked.
  card.querySelector('form.approve').hidden = !(pending && has('ADMIN'));
  const actions = entry.allowedActions || [];
  const propose = card.querySelector('form.propose');
  propose.hidden = !(has('ADMIN') && !pending && actions.length);
  propose.elements.action.replaceChildren(...actions.map(action => el('option', {value: action}, action)));
}

async function refreshCard(card) {
  const answer = await api('GET', '/api/admin/reviews/' + encodeURIComponent(card.dataset.transferId));
  if (answer.ok) {
    fillReviewCard(card, answer.body);
  } else if (answer.body && answer.body.code === 'TRANSFER_NOT_IN_REVIEW') {
    // Resolved: it has left the queue. Its card stays, without controls, until the next refresh.
    card.querySelectorAll('form, .pending').forEach(part => { part.hidden = true; });
    card.classList.add('resolved');
  }
}

function cardMessage(card, refusal, outcome) {
  const problem = card.querySelector('.review-refusal');
  const notice = card.querySelector('.review-outcome');
  problem.hidden = !refusal;
  problem.textContent = refusal || '';
  notice.hidden = !outcome;
  notice.textContent = outcome || '';
}

async function propose(card) {
  const form = card.querySelector('form.propose');
  const action = form.elements.action.value;
  const reason = form.elements.reason.value;
  cardMessage(card, null, null);
  const answer = await api('POST', '/api/admin/reviews/' + encodeURIComponent(card.dataset.transferId)
      + '/resolutions', {action, reason});
  if (!answer.ok) {
    cardMessage(card, refusalText(answer), null);
    return;
  }
  const resolution = answer.body;
  cardMessage(card, null, resolution.state === 'AWAITING_APPROVAL'
      ? 'Proposed ' + resolution.action + ' (' + resolution.resolutionId + '): it awaits a second admin until '
        + instant(resolution.expiresAt) + '.'
      : resolution.action + ' ' + resolution.state + ' at once.');
  if (resolution.state === 'APPLIED') {
    await followTransfer(card);
  }
  await refreshCard(card);
}

async function approve(card) {
  const form = card.querySelector('form.approve');
  const reason = form.elements.reason.value.trim();
  cardMessage(card, null, null);
  const answer = await api('POST', '/api/admin/reviews/' + encodeURIComponent(card.dataset.transferId)
      + '/resolutions/' + encodeURIComponent(card.dataset.resolutionId) + '/approve', reason ? {reason} : {});
  if (!answer.ok) {
    cardMessage(card, refusalText(answer), null);
    return;
  }
  cardMessage(card, null, answer.body.action + ' ' + answer.body.state + ', approved by ' + answer.body.approvedBy
      + '. Waiting for the transfer to end…');
  await followTransfer(card, answer.body.action + ' ' + answer.body.state + ', approved by ' + answer.body.approvedBy
      + '. ');
  await refreshCard(card);
}

/**
 * Follows a resolved transfer until it has ended again, and says how. The API's wait returns at once for a transfer
 * in MANUAL_REVIEW (it is at rest there), so the console reads again, briefly, until the resolution has moved it on,
 * and then waits on the server for its end.
 */
async function followTransfer(card, prefix) {
  const path = '/api/transfers/' + encodeURIComponent(card.dataset.transferId);
  let answer = await api('GET', path);
  for (let read = 0; read < 40 && answer.ok && answer.body.status === 'MANUAL_REVIEW'; read++) {
    await new Promise(resolve => setTimeout(resolve, 250));
    answer = await api('GET', path);
  }
  if (answer.ok && answer.body.status !== 'MANUAL_REVIEW') {
    answer = await api('GET', path + '?waitSeconds=10');
  }
  if (answer.ok) {
    const outcome = (prefix || '') + 'The transfer is now ' + answer.body.status + '.';
    cardMessage(card, null, outcome);
    card.querySelector('header .status').replaceWith(statusBadge(answer.body.status));
    timeline(card.querySelector('.review-steps'), answer.body.steps);
  }
}

// ---- operations -------------------------------------------------------------------------------------------------

async function loadOperations() {
  if (has('ADMIN')) {
    const problem = document.getElementById('projections-problem');
    problem.hidden = true;
    const answer = await api('GET', '/api/admin/projections');
    const body = document.querySelector('#projections tbody');
    body.replaceChildren();
    if (answer.ok) {
      answer.body.content.forEach(processor => body.append(el('tr', {'data-processor': processor.name},
          el('td', {}, processor.name), el('td', {}, statusBadge(processor.status)),
          el('td', {'class': 'num'}, processor.position), el('td', {'class': 'num'}, processor.lag),
          el('td', {'class': 'num'}, processor.segments))));
    } else {
      showProblem(problem, answer);
    }
  }
  if (has('ADMIN', 'AUDITOR')) {
    const problem = document.getElementById('books-problem');
    problem.hidden = true;
    const answer = await api('GET', '/api/audit/books');
    const books = document.getElementById('books');
    books.replaceChildren();
    if (!answer.ok) {
      showProblem(problem, answer);
      return;
    }
    const report = answer.body;
    const list = el('dl', {'class': 'facts'});
    facts(list, [
      ['Verdict', el('span', {'class': 'status status-' + (report.ok ? 'completed' : 'failed')},
          report.ok ? 'OK' : 'NOT OK')],
      ['Checked at', instant(report.checkedAt)],
      ['Accounts checked', report.accountsChecked],
      ['Accounts whose read model lags', report.accountsLagging],
      ['Events applied', report.eventsReplayed],
      ['Mismatches', (report.mismatches || []).length],
      ['Stuck transfers', (report.stuckTransfers || []).map(stuck => stuck.transferId).join(', ') || 'none']
    ]);
    const conservation = el('table', {'class': 'conservation'},
        el('thead', {}, el('tr', {}, ['Currency', 'Conserved', 'Balances', 'In flight', 'Deposits', 'Withdrawals',
          'Held'].map(name => el('th', {}, name)))),
        el('tbody', {}, (report.conservation || []).map(line => el('tr', {},
            el('td', {}, line.currency), el('td', {}, line.ok ? 'yes' : 'NO'),
            el('td', {'class': 'num'}, money(line.balances, line.currency)),
            el('td', {'class': 'num'}, money(line.inFlight, line.currency)),
            el('td', {'class': 'num'}, money(line.deposits, line.currency)),
            el('td', {'class': 'num'}, money(line.withdrawals, line.currency)),
            el('td', {'class': 'num'}, money(line.pending, line.currency))))));
    books.append(list, el('h4', {}, 'Conservation per currency'), conservation);
  }
}

// ---- the frame: who is logged in, the sections, logging out -----------------------------------------------------

function show(section) {
  const wanted = SECTIONS.includes(section) && visibleFor(document.querySelector('#tabs [data-section=' + section + ']'))
      ? section : 'transfers';
  SECTIONS.forEach(name => { document.getElementById(name).hidden = name !== wanted; });
  document.querySelectorAll('#tabs a').forEach(tab => tab.classList.toggle('active', tab.dataset.section === wanted));
  if (window.location.hash !== '#' + wanted) {
    history.replaceState(null, '', '#' + wanted);
  }
  return wanted;
}

function visibleFor(element) {
  return !element.dataset.roles || has(...element.dataset.roles.split(' '));
}

function enter(section) {
  const shown = show(section);
  if (shown === 'reviews') {
    loadReviews(false);
  } else if (shown === 'operations') {
    loadOperations();
  }
}

async function logout() {
  await fetch('/console/logout', {method: 'POST', credentials: 'same-origin', headers: {[CSRF_HEADER]: csrfToken()}});
  window.location.assign('/console/login?logout');
}

async function start() {
  const me = await api('GET', '/console/me');
  if (!me.ok) {
    return;
  }
  state.user = me.body.user;
  state.roles = me.body.roles;
  document.getElementById('who').textContent = state.user;
  document.getElementById('roles').textContent = state.roles.join(' ');
  document.querySelectorAll('[data-roles]').forEach(element => { element.hidden = !visibleFor(element); });
  document.getElementById('review-mode').textContent = has('ADMIN')
      ? 'Refund and complete need a second admin; retry and fail run at once.'
      : 'Read-only for your role: only an admin proposes or approves.';

  document.getElementById('logout').addEventListener('click', logout);
  document.getElementById('transfer-search').addEventListener('submit', event => {
    event.preventDefault();
    searchTransfers(false);
  });
  document.getElementById('transfer-more').addEventListener('click', () => searchTransfers(true));
  document.getElementById('transfer-open').addEventListener('submit', event => {
    event.preventDefault();
    openTransfer(event.target.elements.transferId.value.trim());
  });
  document.getElementById('history-form').addEventListener('submit', event => {
    event.preventDefault();
    state.historyPage = 0;
    loadHistory();
  });
  document.getElementById('history-previous').addEventListener('click', () => {
    state.historyPage -= 1;
    loadHistory();
  });
  document.getElementById('history-next').addEventListener('click', () => {
    state.historyPage += 1;
    loadHistory();
  });
  document.getElementById('review-refresh').addEventListener('click', () => loadReviews(false));
  document.getElementById('review-more').addEventListener('click', () => loadReviews(true));
  document.getElementById('operations-refresh').addEventListener('click', loadOperations);
  document.querySelectorAll('#tabs a').forEach(tab => tab.addEventListener('click', event => {
    event.preventDefault();
    enter(tab.dataset.section);
  }));
  enter(window.location.hash.substring(1));
  if (document.getElementById('transfers').hidden === false) {
    searchTransfers(false);
  }
  document.body.dataset.ready = 'true';
}

start();
