/**
 * A Shopstream live feed held as a browser client should hold one. EventSource sends the
 * session cookie and, when it reconnects by itself, the id of the last event it got
 * (Last-Event-ID), so the service resumes right after it. Each change is handed on once:
 * an id seen before is skipped. A resync (the service could not resume) is handed on so
 * that the page reloads its list from the REST API; the feed itself carries on.
 */
const OPERATIONS = ['insert', 'update', 'replace', 'delete'];

/** How many recent event ids are remembered to skip a change delivered twice. */
const REMEMBERED = 1000;

export class LiveFeed {
  /**
   * @param {string} url the feed's path, with its filters
   * @param {object} handlers onChange(operation, document, id), onResync(reason),
   *     onState(state): 'connecting', 'live', 'reconnecting' or 'closed'
   */
  constructor(url, { onChange, onResync = () => {}, onState = () => {} }) {
    this.url = url;
    this.onChange = onChange;
    this.onResync = onResync;
    this.onState = onState;
    this.seen = new Set();
    this.source = null;
  }

  open() {
    this.onState('connecting');
    this.source = new EventSource(this.url, { withCredentials: true });
    this.source.addEventListener('open', () => this.onState('live'));
    this.source.addEventListener('error', () => {
      this.onState(this.source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
    for (const operation of OPERATIONS) {
      this.source.addEventListener(operation, (event) => this.#apply(operation, event));
    }
    this.source.addEventListener('resync', (event) => this.onResync(JSON.parse(event.data).reason));
    return this;
  }

  close() {
    if (this.source) {
      this.source.close();
      this.onState('closed');
    }
  }

  #apply(operation, event) {
    if (event.lastEventId && this.seen.has(event.lastEventId)) {
      return;
    }
    if (event.lastEventId) {
      this.seen.add(event.lastEventId);
      if (this.seen.size > REMEMBERED) {
        this.seen.delete(this.seen.values().next().value);
      }
    }
    this.onChange(operation, JSON.parse(event.data), event.lastEventId);
  }
}
