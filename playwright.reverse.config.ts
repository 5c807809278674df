// The e2e suite with its files in reverse order, to show that no spec leans on what an earlier
// one left behind: `npx playwright test -c playwright.reverse.config.ts` against a fresh demo
// server (BASE_URL and SMS_OUTBOX as `cargo xtask test` sets them). Each file is a project that
// depends on the one before, so Playwright runs them one after another, last file first.
import { readdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const files = readdirSync('tests/e2e')
  .filter((name) => name.endsWith('.spec.ts'))
  .sort()
  .reverse();

export default defineConfig({
  ...base,
  projects: files.map((file, i) => ({
    name: file,
    testMatch: file,
    dependencies: i === 0 ? [] : [files[i - 1]],
  })),
});
