import type { Plugin } from 'esbuild';
export declare const libmimeMimetypes: Plugin;
