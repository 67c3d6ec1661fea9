/**
 * Turns what the host (or the page) hands the view into profiles: a notebook output already is
 * the model; a file's bytes go through our pure importers, in the webview, never on the
 * extension host. A file that cannot be imported throws an
 * Error whose message names the file and the problem; the view shows it instead of a graph.
 */
import type { FlameSource, ProfileBytes } from '../../extension/views/flame/flameMessages';
import { importProfile } from '../../extension/perf/import/importProfile';
import { type Profile, type ProfileGroup } from '../../extension/perf/model/types';

export interface LoadedProfiles {
  readonly title: string;
  readonly group: ProfileGroup;
  /** Present for a differential view: the profile before the change. */
  readonly before?: Profile;
}

function importGroup(content: string | Uint8Array, fileName: string): ProfileGroup {
  const result = importProfile(content, fileName, 'auto');
  if (result.kind === 'ok') return result.group;
  const why = result.kind === 'not-this-format' ? `not ${result.format}: ${result.reason}` : result.message;
  throw new Error(`${fileName}: ${why}`);
}

function active(group: ProfileGroup): Profile {
  return group.profiles[group.activeIndex] ?? (group.profiles[0] as Profile);
}

/**
 * Bytes that crossed postMessage: a Uint8Array normally, but a Node Buffer serialised as JSON
 * arrives as {type:'Buffer', data:[…]} and an ArrayBuffer as itself, so accept those too.
 */
export function asContent(content: unknown): Uint8Array | string {
  if (typeof content === 'string') return content;
  // VS Code may hand over a view on a SharedArrayBuffer, which TextDecoder refuses: copy it.
  if (content instanceof Uint8Array) return content.buffer instanceof ArrayBuffer ? content : new Uint8Array(content);
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (ArrayBuffer.isView(content)) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  const c = content as { type?: string; data?: unknown } | null;
  if (c && c.type === 'Buffer' && Array.isArray(c.data)) return Uint8Array.from(c.data as number[]);
  throw new Error(`the profile's content arrived as ${Object.prototype.toString.call(content)}, not bytes or text`);
}

function fromFile(file: ProfileBytes): ProfileGroup {
  return importGroup(asContent(file.content), file.fileName);
}

function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '');
}

export function loadSource(source: FlameSource): LoadedProfiles {
  switch (source.kind) {
    case 'file':
      return { title: baseName(source.file.fileName), group: fromFile(source.file) };
    case 'spec': {
      // The built model, checked by the output's contract: nothing to parse.
      const { group, before } = source.spec;
      const title = source.spec.title ?? group.name ?? 'profile';
      return before ? { title, group, before } : { title, group };
    }
    case 'diff': {
      const before = active(fromFile(source.before));
      const group = fromFile(source.after);
      return { title: `${baseName(source.before.fileName)} → ${baseName(source.after.fileName)}`, group, before };
    }
  }
}
