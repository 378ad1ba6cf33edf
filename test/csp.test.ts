import { expect, waitUntil } from '@open-wc/testing';

interface ProbedWindow extends Window {
  cspViolations: string[];
}

async function load(path: string): Promise<{ frame: HTMLIFrameElement; win: ProbedWindow }> {
  const frame = document.createElement('iframe');
  frame.src = path;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return { frame, win: frame.contentWindow as ProbedWindow };
}

describe('strict Content-Security-Policy', () => {
  it('the probe sees violations (control page with inline script and style)', async () => {
    const { frame, win } = await load('/test/csp/control.html');
    await waitUntil(() => win.cspViolations.length >= 2, 'violations reported');
    expect(win.document.body.dataset.inline, 'the inline script was blocked').to.equal(undefined);
    expect(win.cspViolations.some((v) => v.startsWith('script-src'))).to.equal(true);
    frame.remove();
  });

  it('the built service bundle renders and validates a step with zero violations', async () => {
    const { frame, win } = await load('/test/csp/form.html');
    const host = win.document.querySelector('efa-verpflichtungserklaerung')!;
    await waitUntil(() => host.shadowRoot?.querySelector('h2'), 'the form renders its first step');
    // Leave the start page and try to continue on an empty step: runs the generated validator.
    const next = () => host.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
    next().click();
    await waitUntil(() => host.shadowRoot!.querySelector('h2')?.textContent?.includes('Schritt 2'));
    next().click();
    await waitUntil(() => host.shadowRoot!.querySelector('.error-summary'), 'the error summary appears');
    // A violation of our own as a marker: reports arrive in order, so once it is in, any the form caused are too.
    const marker = win.document.createElement('script');
    marker.textContent = 'void 0';
    win.document.body.append(marker);
    await waitUntil(() => win.cspViolations.length > 0, 'the marker violation is reported');
    expect(win.cspViolations).to.have.length(1);
    expect(win.cspViolations[0]).to.match(/^script-src/);
    frame.remove();
  });
});

describe('shipped bundles', () => {
  it('contain no eval, no new Function and no require call', async () => {
    const files: string[] = await (await fetch('/__dist__')).json();
    expect(files).to.include.members(['efa-forms.js', 'efa-verpflichtungserklaerung.js']);
    for (const file of files) {
      const code = await (await fetch(`/dist/${file}`)).text();
      expect(code, file).not.to.match(/new Function\s*\(/);
      expect(code, file).not.to.match(/(^|[^\w$.])eval\s*\(/);
      // Ajv's runtime helpers keep their own code template as a string, e.g. `.code='require("ajv/dist/runtime/equal").default'`,
      // which is never evaluated; calls are what matter.
      const calls = code.replace(/\.code\s*=\s*'require\("ajv\/dist\/runtime\/\w+"\)\.default'/g, '');
      expect(calls, file).not.to.match(/(^|[^\w$.])require\s*\(/);
    }
  });
});
