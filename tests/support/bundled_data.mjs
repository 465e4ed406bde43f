// Reads the bundled data the portal loads (data/), so tests compare pages with their sources.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './portal_server.mjs';

export const languages = ['en', 'es', 'fr'];
export const pages = JSON.parse(readFileSync(join(repoRoot, 'data', 'pages', 'pages.json'), 'utf8'));
export const resources = JSON.parse(readFileSync(join(repoRoot, 'data', 'resources.json'), 'utf8'));
export const activities = JSON.parse(readFileSync(join(repoRoot, 'data', 'activities.json'), 'utf8'));

export function pageText(slug, lang) {
  const text = readFileSync(join(repoRoot, 'data', 'pages', `${slug}.${lang}.html`), 'utf8');
  const [head] = text.split(/^---$/m);
  const field = (name) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(head)[1].trim();
  const nav = /^nav:\s*(.+)$/m.exec(head);
  return { title: field('title'), summary: field('summary'), nav: nav ? nav[1].trim() : field('title') };
}

export function pageFiles() {
  return readdirSync(join(repoRoot, 'data', 'pages')).filter((name) => name.endsWith('.html'));
}

// Mustache escapes text; the tests compare with the escaped form.
export function htmlEscape(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
