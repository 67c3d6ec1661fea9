/**
 * The installed catalog (dist/catalog.json, written by the build), read on first use and cached.
 * Reading it is cheap, but activation should not even do that: nothing loads until a command,
 * the tree or the catalog panel asks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findBook } from './books';
import type { Catalog, LabManifest } from './labManifest';

export class CatalogStore {
  private cached: Catalog | undefined;

  constructor(private readonly extensionPath: string) {}

  get catalog(): Catalog {
    if (!this.cached) {
      const file = path.join(this.extensionPath, 'dist', 'catalog.json');
      try {
        this.cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
      } catch (err) {
        throw new Error(`DDIA Labs could not read its lab catalog (${file}): ${(err as Error).message}. Reinstall the extension.`);
      }
    }
    return this.cached;
  }

  get labs(): readonly LabManifest[] {
    return this.catalog.labs;
  }

  find(id: string): LabManifest | undefined {
    return this.labs.find((l) => l.id === id);
  }

  labSourceDir(lab: LabManifest): string {
    return path.join(this.extensionPath, 'labs', lab.id);
  }

  /** dist/types: declarations copied next to the user's labs for IntelliSense. */
  get typesDir(): string {
    return path.join(this.extensionPath, 'dist', 'types');
  }

  /** The extension's version, which stamps the copied declarations. */
  get version(): string {
    try {
      return (JSON.parse(fs.readFileSync(path.join(this.extensionPath, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  }

  bookTitle(lab: LabManifest): string {
    return findBook(lab.book)?.title ?? lab.book;
  }
}
