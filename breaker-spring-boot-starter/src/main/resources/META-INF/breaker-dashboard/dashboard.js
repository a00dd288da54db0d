/*
 * The breaker dashboard. It reads the circuitbreakers actuator endpoint every second and shows
 * each breaker as a card; with write access it offers reset, force open and force close.
 *
 * Every piece of text from the endpoint reaches the page through textContent, never as HTML:
 * keys come from callers and are untrusted.
 */
'use strict';

(function () {
  const REFRESH_MILLIS = 1000;
  const REQUEST_TIMEOUT_MILLIS = 5000;
  const LISTED_KEYS = 5;
  const LISTED_TRANSITIONS = 5;
  const STATES = ['CLOSED', 'OPEN', 'HALF_OPEN', 'FORCED_OPEN', 'FORCED_CLOSED'];
  const SUMMARY = [
    ['total', 'breaker', 'breakers'], ['closed', 'closed'], ['open', 'open'], ['halfOpen', 'half-open'],
    ['forcedOpen', 'forced open'], ['forcedClosed', 'forced closed']
  ];
  const ACTIONS = {
    'reset': {
      label: 'Reset',
      done: 'Reset',
      effect: 'It returns to CLOSED with an empty window; its statistics stay.',
      override: false
    },
    'force-open': {
      label: 'Force open',
      done: 'Forced open',
      effect: 'Every call is rejected until it is reset, or until the duration runs out.',
      override: true
    },
    'force-close': {
      label: 'Force close',
      done: 'Forced closed',
      effect: 'Every call runs, whatever fails, until it is reset, or until the duration runs out.',
      override: true
    }
  };

  const settings = {
    endpoint: document.body.dataset.endpoint,
    writable: document.body.dataset.writable === 'true',
    problem: document.body.dataset.problem
  };
  const cards = new Map();
  const dialog = document.getElementById('confirm');
  let pending = null;

  // Reading the endpoint

  async function refresh() {
    try {
      const all = await readJson(settings.endpoint);
      const breakers = all.breakers || {};
      const names = Object.keys(breakers);
      const details = await Promise.all(
        names.map((name) => readJson(breakerUrl(name)).catch(() => breakers[name])));
      showSummary(all.summary || {});
      showBreakers(names, details);
      showStatus('Updated at ' + new Date().toLocaleTimeString(), false);
    }
    catch (error) {
      showStatus('Cannot read ' + settings.endpoint + ': ' + error.message, true);
    }
    finally {
      setTimeout(refresh, REFRESH_MILLIS);
    }
  }

  async function readJson(url) {
    const response = await fetch(url, {
      headers: { 'Accept': 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MILLIS)
    });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  }

  function breakerUrl(name) {
    return settings.endpoint + '/' + encodeURIComponent(name);
  }

  // The summary bar and the status line

  function showSummary(summary) {
    const pills = SUMMARY.map(([field, one, many]) => {
      const pill = element('span', 'pill', counted(summary[field], one, many));
      pill.dataset.summary = field;
      return pill;
    });
    document.getElementById('summary').replaceChildren(...pills);
    const open = count(summary.open) + count(summary.forcedOpen);
    document.title = (open > 0 ? '(' + open + ' open) ' : '') + 'Circuit breakers';
  }

  function showStatus(text, failed) {
    const status = document.getElementById('status');
    status.textContent = text;
    status.classList.toggle('failed', failed);
  }

  function showNotice(text, failed) {
    const notice = document.getElementById('notice');
    notice.textContent = text;
    notice.classList.toggle('failed', failed);
  }

  // The cards, one per breaker, in the endpoint's order; a card is built once and updated in place

  function showBreakers(names, details) {
    const container = document.getElementById('breakers');
    const current = new Set(names);
    for (const [name, card] of cards) {
      if (!current.has(name)) {
        card.remove();
        cards.delete(name);
      }
    }
    names.forEach((name, index) => {
      let card = cards.get(name);
      if (!card) {
        card = createCard(name);
        cards.set(name, card);
      }
      if (container.children[index] !== card) {
        container.insertBefore(card, container.children[index] || null);
      }
      updateCard(card, details[index]);
    });
  }

  function createCard(name) {
    const card = element('article', 'card');
    card.dataset.breaker = name;
    const header = element('header', 'card-header');
    header.append(element('h2', 'name', name), element('span', 'mode'), element('span', 'state'));
    const figures = element('dl', 'figures');
    for (const [field, label] of [['health', 'Health'], ['failure-rate', 'Failure rate'], ['retry', 'Next retry'],
      ['calls', 'Calls']]) {
      const figure = element('div');
      figure.append(element('dt', null, label), element('dd', field));
      figures.append(figure);
    }
    const healthBar = element('div', 'health-bar');
    healthBar.append(element('span'));
    card.append(header, healthBar, figures, element('p', 'override'), element('div', 'keys'),
      element('ol', 'transitions'));
    if (settings.writable) {
      card.append(actionButtons(name));
    }
    return card;
  }

  function updateCard(card, breaker) {
    const state = STATES.includes(breaker.state) ? breaker.state : 'UNKNOWN';
    card.className = 'card ' + state.toLowerCase().replace(/_/g, '-');
    part(card, 'state').textContent = label(state);
    const shadow = typeof breaker.mode === 'string' && breaker.mode !== 'enforce';
    part(card, 'mode').textContent = shadow ? breaker.mode : '';
    part(card, 'mode').hidden = !shadow;
    part(card, 'health').textContent = percent(breaker.healthScore);
    part(card, 'health-bar').firstChild.style.width = percent(breaker.healthScore);
    part(card, 'failure-rate').textContent = percent(breaker.failureRate);
    showRetry(part(card, 'retry'), breaker);
    part(card, 'calls').textContent = calls(breaker);
    showOverride(part(card, 'override'), breaker.override);
    showKeys(part(card, 'keys'), breaker.keys, breaker.children);
    showTransitions(part(card, 'transitions'), breaker.lastTransitions);
  }

  function showRetry(retry, breaker) {
    const open = typeof breaker.nextRetryAt === 'string';
    retry.dataset.seconds = open ? count(breaker.retryAfterSeconds) : '';
    retry.title = open ? breaker.nextRetryAt : '';
    if (open) {
      retry.textContent = 'in ' + count(breaker.retryAfterSeconds) + ' s';
    }
    else if (breaker.state === 'HALF_OPEN') {
      retry.textContent = 'trial calls now';
    }
    else if (breaker.state === 'FORCED_OPEN') {
      retry.textContent = (breaker.override && breaker.override.until)
        ? 'released at ' + time(breaker.override.until) : 'when released';
    }
    else {
      retry.textContent = '\u2013';
    }
  }

  function calls(breaker) {
    let text = count(breaker.calls) + ' ran, ' + count(breaker.failures) + ' failed, '
      + count(breaker.rejections) + ' rejected';
    if (breaker.shadowRejections) {
      text += ', ' + count(breaker.shadowRejections) + ' would have been rejected';
    }
    return text;
  }

  function showOverride(paragraph, override) {
    paragraph.hidden = !override;
    if (!override) {
      paragraph.textContent = '';
      return;
    }
    const words = [ACTIONS[override.action] ? ACTIONS[override.action].done : String(override.action)];
    if (override.by) {
      words.push('by ' + override.by);
    }
    if (override.at) {
      words.push('at ' + time(override.at));
    }
    if (override.until) {
      words.push('until ' + time(override.until));
    }
    paragraph.textContent = words.join(' ') + (override.reason ? ': ' + override.reason : '');
  }

  function showKeys(container, keys, children) {
    container.hidden = !keys;
    container.replaceChildren();
    if (!keys) {
      return;
    }
    const counts = element('p', 'key-counts');
    counts.append(
      element('span', 'key-count', counted(keys.count, 'key', 'keys')),
      element('span', 'key-open', count(keys.openTotal) + ' open'),
      element('span', 'key-half-open', count(keys.halfOpenTotal) + ' half-open'));
    if (keys.overflow) {
      counts.append(element('span', 'key-overflow', 'overflow ' + label(keys.overflow.state)));
    }
    container.append(counts);
    if (children) {
      container.append(element('p', 'key-calls', 'Keyed calls: ' + calls(children)));
    }
    const open = Array.isArray(keys.open) ? keys.open : [];
    if (open.length > 0) {
      const list = element('ul', 'open-keys');
      open.slice(0, LISTED_KEYS).forEach((key) => list.append(element('li', null, key)));
      const more = count(keys.openTotal) - Math.min(open.length, LISTED_KEYS);
      if (more > 0) {
        list.append(element('li', 'more', 'and ' + more + ' more'));
      }
      container.append(list);
    }
  }

  function showTransitions(list, transitions) {
    const latest = Array.isArray(transitions) ? transitions.slice(0, LISTED_TRANSITIONS) : [];
    list.hidden = latest.length === 0;
    list.replaceChildren(...latest.map((transition) => {
      const item = element('li');
      const at = element('time', null, time(transition.at));
      at.dateTime = String(transition.at);
      item.append(at, element('span', 'change', label(transition.from) + ' \u2192 ' + label(transition.to)),
        element('span', 'reason', transition.reason), element('span', 'detail', transition.detail));
      return item;
    }));
  }

  // Operator actions, confirmed in a dialog

  function actionButtons(name) {
    const buttons = element('footer', 'actions');
    for (const [action, meta] of Object.entries(ACTIONS)) {
      const button = element('button', 'action', meta.label);
      button.type = 'button';
      button.dataset.action = action;
      button.addEventListener('click', () => confirmAction(name, action));
      buttons.append(button);
    }
    return buttons;
  }

  function confirmAction(name, action) {
    const meta = ACTIONS[action];
    pending = { name: name, action: action };
    document.getElementById('confirm-question').textContent = meta.label + ' \u201c' + name + '\u201d?';
    document.getElementById('confirm-effect').textContent = meta.effect;
    document.getElementById('confirm-override').hidden = !meta.override;
    dialog.querySelector('form').reset();
    dialog.returnValue = '';
    dialog.showModal();
  }

  dialog.addEventListener('close', () => {
    if (pending && dialog.returnValue === 'confirm') {
      const fields = dialog.querySelector('form').elements;
      const body = { action: pending.action };
      if (ACTIONS[pending.action].override) {
        putIfPresent(body, 'duration', fields.duration.value);
        putIfPresent(body, 'reason', fields.reason.value);
      }
      send(pending.name, body);
    }
    pending = null;
  });

  function putIfPresent(body, field, value) {
    if (value.trim() !== '') {
      body[field] = value.trim();
    }
  }

  async function send(name, body) {
    const what = ACTIONS[body.action].label + ' \u201c' + name + '\u201d';
    try {
      const response = await fetch(breakerUrl(name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MILLIS)
      });
      if (response.ok) {
        showNotice(what + ': done.', false);
      }
      else {
        showNotice(what + ' failed: ' + await failure(response), true);
      }
    }
    catch (error) {
      showNotice(what + ' failed: ' + error.message, true);
    }
  }

  async function failure(response) {
    try {
      const body = await response.json();
      return body.message ? String(body.message) : 'HTTP ' + response.status;
    }
    catch (error) {
      return 'HTTP ' + response.status;
    }
  }

  // Small helpers

  function element(tag, className, text) {
    const created = document.createElement(tag);
    if (className) {
      created.className = className;
    }
    if (text !== undefined && text !== null) {
      created.textContent = String(text);
    }
    return created;
  }

  function part(card, name) {
    return card.querySelector('.' + name);
  }

  function count(value) {
    return Number.isFinite(value) ? value : 0;
  }

  function counted(value, one, many) {
    const number = count(value);
    return number + ' ' + (number === 1 || many === undefined ? one : many);
  }

  function percent(fraction) {
    return Number.isFinite(fraction) ? Math.round(Math.min(Math.max(fraction, 0), 1) * 100) + '%' : '\u2013';
  }

  function label(state) {
    return String(state).replace(/_/g, ' ');
  }

  function time(instant) {
    const date = new Date(instant);
    return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleTimeString();
  }

  if (settings.endpoint) {
    refresh();
  }
  else {
    showStatus(settings.problem || 'The circuitbreakers endpoint cannot be read.', true);
  }
})();
