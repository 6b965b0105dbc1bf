import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Headless Chromium from npm: the browser binary ships inside @sparticuz/chromium (an ES module,
 * loaded dynamically from this CommonJS project) and is unpacked into the temp folder on first
 * use, so nothing is downloaded when the tests run.
 */
export async function launchChromium(): Promise<Browser> {
  const { default: chromium } = await import('@sparticuz/chromium');
  return playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
}
