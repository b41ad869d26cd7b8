import { LiveFeed } from './feed.js';

const STATES = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting (resumes where it left off)',
  stale: 'silent too long; reopening where it left off',
  closed: 'closed',
};

const stockTable = document.querySelector('#stock');
const stockBody = stockTable.querySelector('tbody');
const stockState = document.querySelector('#stock-state');

/** The stock table's rows by sku, for changes to land in place. */
const rows = new Map();

/** The signed-in customer: the bearer token for writes is kept in memory only. */
const session = { token: null, ordersFeed: null, usersFeed: null };

function headers(extra = {}) {
  const all = { Accept: 'application/json', ...extra };
  if (session.token) {
    all.Authorization = `Bearer ${session.token}`;
  }
  return all;
}

async function getJson(path) {
  const response = await fetch(path, { headers: headers(), credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.json();
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

function showAvailable(sku, available) {
  const row = rows.get(sku);
  if (!row) {
    return;
  }
  row.querySelector('.available').textContent = String(available);
  stockTable.dataset.applied = String(Number(stockTable.dataset.applied ?? 0) + 1);
  row.classList.add('changed');
  setTimeout(() => row.classList.remove('changed'), 1500);
}

/** Products on sale with their stock, from the REST API. */
async function loadStock() {
  const products = await getJson('/api/v1/products?status=active&limit=20');
  const levels = await Promise.all(products.map((product) => getJson(`/api/v1/inventory/${encodeURIComponent(product.sku)}`)
    .catch(() => null)));
  rows.clear();
  stockTable.dataset.loads = String(Number(stockTable.dataset.loads ?? 0) + 1);
  stockBody.replaceChildren(...products.map((product, i) => {
    const tr = document.createElement('tr');
    tr.dataset.sku = product.sku;
    tr.append(cell(product.name), cell(product.sku), cell(product.pricing?.base_price ?? '', 'number'),
      cell(levels[i] ? String(levels[i].available) : '–', 'number available'), orderCell(product));
    rows.set(product.sku, tr);
    return tr;
  }));
}

function orderCell(product) {
  const td = document.createElement('td');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'order';
  button.textContent = 'Order 1';
  button.setAttribute('aria-label', `Order one ${product.name}`);
  button.hidden = !session.token;
  button.addEventListener('click', () => placeOrder(product.sku, button));
  td.append(button);
  return td;
}

function showState(element, name) {
  return (state) => {
    element.dataset.state = state;
    element.textContent = `${name}: ${STATES[state]}`;
  };
}

new LiveFeed('/api/v1/feeds/inventory', {
  onChange: (operation, item) => {
    if (operation !== 'delete') {
      showAvailable(item.sku, item.available);
    }
  },
  onReload: () => loadStock().catch((error) => {
    stockState.dataset.state = 'closed';
    stockState.textContent = `Stock could not be loaded: ${error.message}`;
  }),
  onState: showState(stockState, 'Stock feed'),
}).open();

const signIn = document.querySelector('#sign-in');
const signInMessage = document.querySelector('#sign-in-message');
const signedIn = document.querySelector('#signed-in');
const shipTo = document.querySelector('#ship-to');
const orderMessage = document.querySelector('#order-message');
const ordersTable = document.querySelector('#orders');
const ordersBody = ordersTable.querySelector('tbody');
const ordersState = document.querySelector('#orders-state');

/** The orders table's rows by order id. */
const orderRows = new Map();

function showOrder(order) {
  let row = orderRows.get(order.id);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.id = order.id;
    row.append(cell(order.order_number), cell(''), cell('', 'number'), cell(''));
    orderRows.set(order.id, row);
    ordersBody.prepend(row);
  }
  row.dataset.status = order.status;
  row.children[1].textContent = order.status;
  row.children[2].textContent = `${order.totals?.total ?? ''} ${order.totals?.currency ?? ''}`.trim();
  row.children[3].textContent = order.created_at ? new Date(order.created_at).toLocaleString() : '';
}

async function loadOrders() {
  const orders = await getJson('/api/v1/orders?limit=20');
  orderRows.clear();
  ordersBody.replaceChildren();
  orders.reverse().forEach(showOrder);
}

function showOrderButtons(visible) {
  document.querySelectorAll('#stock button.order').forEach((button) => {
    button.hidden = !visible;
  });
}

async function placeOrder(sku, button) {
  if (![...shipTo.querySelectorAll('input')].every((input) => input.reportValidity())) {
    return;
  }
  const value = (id) => document.querySelector(id).value.trim();
  button.disabled = true;
  orderMessage.textContent = 'Placing the order…';
  try {
    const response = await fetch('/api/v1/orders', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({
        items: [{ sku, quantity: 1 }],
        shipping_address: {
          name: value('#ship-name'), street: value('#ship-street'), city: value('#ship-city'),
          postal_code: value('#ship-postal'), country: value('#ship-country').toUpperCase(),
        },
        payment_method: 'card',
      }),
    });
    const body = await response.json();
    orderMessage.textContent = response.ok ? `Order ${body.order_number} placed.`
      : `The order was not placed: ${body.detail ?? response.status}`;
  } finally {
    button.disabled = false;
  }
}

signIn.addEventListener('submit', async (event) => {
  event.preventDefault();
  signInMessage.textContent = '';
  const form = new FormData(signIn);
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login: form.get('login'), password: form.get('password') }),
  });
  if (!response.ok) {
    signInMessage.textContent = (response.status === 429) ? 'Too many attempts; try again in a minute.'
      : 'Sign-in failed: check your login and password.';
    return;
  }
  session.token = (await response.json()).token;
  signIn.reset();
  const me = await getJson('/api/v1/auth/me');
  document.querySelector('#who').textContent = me.username;
  signIn.hidden = true;
  signedIn.hidden = false;
  showOrderButtons(true);
  if (me.role === 'admin') {
    openAdmin();
  }
  // The session cookie the login set carries the feed, which cannot send a header.
  session.ordersFeed = new LiveFeed('/api/v1/feeds/orders', {
    onChange: (operation, order) => {
      if (operation !== 'delete') {
        showOrder(order);
      }
    },
    onReload: () => loadOrders(),
    onState: showState(ordersState, 'Orders feed'),
  }).open();
});

document.querySelector('#sign-out').addEventListener('click', async () => {
  session.ordersFeed?.close();
  session.usersFeed?.close();
  session.usersFeed = null;
  admin.hidden = true;
  usersBody.replaceChildren();
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: headers() });
  session.token = null;
  session.ordersFeed = null;
  orderRows.clear();
  ordersBody.replaceChildren();
  signedIn.hidden = true;
  signIn.hidden = false;
  showOrderButtons(false);
});

const admin = document.querySelector('#admin');
const usersBody = document.querySelector('#users tbody');

/** Admins also see account changes live and the sales summary. */
function openAdmin() {
  admin.hidden = false;
  session.usersFeed = new LiveFeed('/api/v1/feeds/users', {
    onChange: (operation, user) => {
      const row = document.createElement('tr');
      row.append(cell(operation), cell(user.username ?? user.document_key?.id ?? ''), cell(user.role ?? ''),
        cell(user.status ?? ''));
      usersBody.prepend(row);
      while (usersBody.children.length > 20) {
        usersBody.lastElementChild.remove();
      }
    },
    // a log of changes, not a list: nothing to reload
    onReload: () => {},
    onState: showState(document.querySelector('#users-state'), 'Users feed'),
  }).open();
  getJson('/api/v1/analytics/sales?limit=5').then((report) => {
    document.querySelector('#sales-currency').textContent = report.currency;
    document.querySelector('#sales tbody').replaceChildren(...report.products.map((product) => {
      const row = document.createElement('tr');
      row.append(cell(String(product.rank)), cell(product.product_name), cell(String(product.total_quantity), 'number'),
        cell(product.total_revenue, 'number'));
      return row;
    }));
  }).catch((error) => {
    document.querySelector('#sales tbody').replaceChildren(cell(`The sales summary could not be loaded: ${error.message}`));
  });
}
