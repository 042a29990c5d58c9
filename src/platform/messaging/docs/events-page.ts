import type { EventDescription, JsonSchema } from './event-descriptions';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A field's type in a few words: `string (uuid)`, `"A" | "B"`, `string[]`, `integer | null`. */
export function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : [typeof schema.type === 'string' ? schema.type : 'any'];
  return types
    .map((type) => {
      if (type === 'array') return `${typeOf((schema.items as JsonSchema | undefined) ?? {})}[]`;
      return typeof schema.format === 'string' && type === 'string' ? `string (${schema.format})` : type;
    })
    .join(' | ');
}

export interface FieldRow {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

/** The fields of an object schema, in the order declared. */
export function fieldsOf(schema: JsonSchema): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: required.has(name),
    description: typeof property.description === 'string' ? property.description : '',
  }));
}

const anchor = (event: EventDescription) => `${event.type}-v${event.version}`;

function eventSection(event: EventDescription): string {
  const consumers = event.consumers.length
    ? event.consumers.map((c) => `<code>${escape(c.name)}</code>`).join(', ')
    : '<em>none</em>';
  const rows = fieldsOf(event.data)
    .map(
      (f) =>
        `<tr><td><code>${escape(f.name)}</code>${f.required ? '' : ' <small>optional</small>'}</td>` +
        `<td><code>${escape(f.type)}</code></td><td>${escape(f.description)}</td></tr>`,
    )
    .join('');
  return `
<section id="${escape(anchor(event))}">
  <h3><code>${escape(event.type)}</code> <span class="version">v${event.version}</span></h3>
  <p>${escape(event.summary)}.</p>
  <dl>
    <dt>Published by</dt><dd>${escape(event.owner)}</dd>
    <dt>Subject</dt><dd>${escape(event.subject)}</dd>
    <dt>Consumed by</dt><dd>${consumers}</dd>
  </dl>
  <table><thead><tr><th>data field</th><th>type</th><th></th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 2rem; color: #1b1f24; }
h1 { margin-bottom: 0; } h2 { border-bottom: 1px solid #d0d7de; margin-top: 2.5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: 90%; } small { color: #57606a; }
dl { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; margin: 0; }
dt { color: #57606a; } dd { margin: 0; }
section { border: 1px solid #d0d7de; border-radius: 6px; padding: 0 1rem .5rem; margin: 1rem 0; }
.version { background: #ddf4ff; border-radius: 1rem; font-size: 70%; padding: .1rem .5rem; vertical-align: middle; }
`;

/**
 * The event catalogue as one self-contained HTML page (no script, no external asset, so it
 * passes the app's Content-Security-Policy and works offline): an index, then every event by
 * its owner. Its icon is empty, so a browser asks for no /favicon.ico (a 404).
 */
export function renderEventsPage(events: readonly EventDescription[]): string {
  const owners = [...new Set(events.map((e) => e.owner))].sort();
  const index = events
    .map(
      (e) =>
        `<tr><td><a href="#${escape(anchor(e))}"><code>${escape(e.type)}</code></a></td><td>${e.version}</td>` +
        `<td>${escape(e.owner)}</td><td>${e.consumers.map((c) => `<code>${escape(c.name)}</code>`).join(', ')}</td></tr>`,
    )
    .join('');
  const byOwner = owners
    .map(
      (owner) =>
        `<h2 id="${escape(owner)}">Published by ${escape(owner)}</h2>` +
        events
          .filter((e) => e.owner === owner)
          .map(eventSection)
          .join(''),
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integration events · Payments platform</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<h1>Integration events</h1>
<p>Every event the modules publish, its payload, its owner (the only module that publishes it) and the
consumers that subscribe to it. Machine-readable: <a href="/docs/asyncapi.json">AsyncAPI document</a>.
HTTP API: <a href="/docs">/docs</a>.</p>
<p>Each event travels in an envelope: <code>id</code> (unique, consumers deduplicate on it), <code>type</code>,
<code>version</code>, <code>occurredAt</code>, <code>source</code> (the owner), <code>subject</code> (what it is about,
and its ordering key), <code>correlationId</code>, <code>causationId</code> and <code>data</code>, described below.
<code>GET /v1/events</code> lists these envelopes; a webhook carries an event's <code>type</code> and <code>data</code>.</p>
<table><thead><tr><th>event</th><th>version</th><th>published by</th><th>consumed by</th></tr></thead><tbody>${index}</tbody></table>
${byOwner}
</body>
</html>
`;
}
