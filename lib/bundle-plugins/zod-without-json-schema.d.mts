import type { Plugin } from 'esbuild';
export declare const ZOD_JSON_SCHEMA_MODULE: RegExp;
export declare const LEFT_OUT: string;
export declare function withoutJsonSchema(file: string, source: string): string;
export declare const zodWithoutJsonSchema: Plugin;
