/**
 * Extends VS Code's built-in notebook Markdown renderer so ` ```mermaid ` blocks in Markdown
 * cells draw as diagrams. Markdown-it turns each block into a placeholder; after the cell is
 * rendered (into a shadow root), the placeholder is filled once it is on screen.
 */
import type MarkdownIt from 'markdown-it';
import type { RendererContext } from 'vscode-notebook-renderer';
import { renderMermaidWhenVisible } from './mermaidLoader';
import { injectStyles } from './styles';

interface MarkdownItRenderer {
  extendMarkdownIt(fn: (md: MarkdownIt) => void): void;
}

let counter = 0;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function activate(ctx: RendererContext<void>): Promise<void> {
  const markdown = (await ctx.getRenderer('vscode.markdown-it-renderer')) as MarkdownItRenderer | undefined;
  if (!markdown) throw new Error("DDIA Labs could not load VS Code's Markdown renderer ('vscode.markdown-it-renderer')");
  markdown.extendMarkdownIt((md) => {
    const fence = md.renderer.rules.fence?.bind(md.renderer.rules);
    md.renderer.rules.fence = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      if (token && token.info.trim().split(/\s+/)[0] === 'mermaid') {
        const id = `ddia-md-mermaid-${++counter}`;
        return `<div class="ddia-mermaid" id="${id}" data-source="${escapeHtml(token.content)}">${escapeHtml(token.content)}</div>`;
      }
      return fence ? fence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    };
    const render = md.renderer.render.bind(md.renderer);
    md.renderer.render = (tokens, options, env: { outputItem?: { id: string } }) => {
      const html = render(tokens, options, env);
      if (!html.includes('ddia-mermaid')) return html;
      // The HTML is inserted into the cell's shadow root after this returns; fill it then.
      setTimeout(() => {
        const shadow = env?.outputItem ? document.getElementById(env.outputItem.id)?.shadowRoot : undefined;
        const root: ParentNode = shadow ?? document;
        if (shadow && !shadow.querySelector('style[data-ddia]')) {
          injectStyles(document, shadow);
          shadow.lastElementChild?.setAttribute('data-ddia', '');
        }
        for (const el of root.querySelectorAll<HTMLElement>('.ddia-mermaid:not([data-started])')) {
          el.dataset['started'] = 'true';
          renderMermaidWhenVisible(el, el.dataset['source'] ?? el.textContent ?? '', (message) => {
            el.classList.add('ddia-error');
            el.textContent = `Cannot draw this diagram: ${message}`;
          });
        }
      }, 0);
      return html;
    };
  });
}
