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

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
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
      cell(levels[i] ? String(levels[i].available) : '–', 'number available'));
    rows.set(product.sku, tr);
    return tr;
  }));
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

