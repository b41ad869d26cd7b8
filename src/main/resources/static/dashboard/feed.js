/**
 * A Shopstream live feed held as a browser client should hold one.
 *
 * - EventSource sends the session cookie and, when it reconnects by itself, the id of the
 *   last event it got (Last-Event-ID), so the service resumes right after it.
 * - Each change is handed on once: an id seen before is skipped.
 * - The page loads its list when the feed opens without a resume point (the first time, or
 *   a reconnection before any change arrived): the service opens a feed only once its
 *   change stream covers what comes after, so no change falls between the list and the
 *   feed. A resync (the service could not resume) asks for the same; the feed carries on.
 * - Heartbeats come as events (?heartbeats=events), since EventSource never shows the
 *   comments other clients get. A feed silent for three heartbeats is stale: it is closed
 *   and opened again from the last event's id (?last_event_id=, as a new EventSource cannot
 *   set the header).
 */
const OPERATIONS = ['insert', 'update', 'replace', 'delete'];

/** How many recent event ids are remembered to skip a change delivered twice. */
const REMEMBERED = 1000;

/** The service's default heartbeat, until the first heartbeat says what it is. */
const DEFAULT_HEARTBEAT_MS = 15000;

export class LiveFeed {
  /**
   * @param {string} path the feed's path, with its filters
   * @param {object} handlers onChange(operation, document, id), onReload(reason): load the
   *     list from the REST API, onState(state): 'connecting', 'live', 'reconnecting',
   *     'stale' or 'closed'
   */
  constructor(path, { onChange, onReload, onState = () => {} }) {
    this.path = path;
    this.onChange = onChange;
    this.onReload = onReload;
    this.onState = onState;
    this.seen = new Set();
    this.lastId = null;
    this.heartbeatMs = DEFAULT_HEARTBEAT_MS;
    this.silence = null;
    this.source = null;
  }

  open() {
    const url = new URL(this.path, location.origin);
    url.searchParams.set('heartbeats', 'events');
    if (this.lastId) {
      url.searchParams.set('last_event_id', this.lastId);
    }
    this.onState('connecting');
    this.source = new EventSource(url, { withCredentials: true });
    this.source.addEventListener('open', () => {
      this.onState('live');
      this.#heard();
      if (!this.lastId) {
        this.onReload('opened without a resume point');
      }
    });
    this.source.addEventListener('error', () => {
      this.onState(this.source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
    for (const operation of OPERATIONS) {
      this.source.addEventListener(operation, (event) => this.#apply(operation, event));
    }
    this.source.addEventListener('resync', (event) => {
      this.#heard();
      this.onReload(JSON.parse(event.data).reason);
    });
    this.source.addEventListener('heartbeat', (event) => {
      this.heartbeatMs = JSON.parse(event.data).every_ms || DEFAULT_HEARTBEAT_MS;
      this.#heard();
    });
    return this;
  }

  close() {
    clearTimeout(this.silence);
    if (this.source) {
      this.source.close();
      this.onState('closed');
    }
  }

  /** Something arrived: the feed is not stale for another three heartbeats. */
  #heard() {
    clearTimeout(this.silence);
    this.silence = setTimeout(() => {
      this.source.close();
      this.onState('stale');
      this.open();
    }, 3 * this.heartbeatMs);
  }

  #apply(operation, event) {
    this.#heard();
    const id = event.lastEventId;
    if (id && this.seen.has(id)) {
      return;
    }
    if (id) {
      this.lastId = id;
      this.seen.add(id);
      if (this.seen.size > REMEMBERED) {
        this.seen.delete(this.seen.values().next().value);
      }
    }
    this.onChange(operation, JSON.parse(event.data), id);
  }
}
