// asl-validator 4.0.0 ships no type declarations (FACTS.md §5).
declare module 'asl-validator' {
  interface Options {
    checkPaths?: boolean;
    checkArn?: boolean;
  }
  interface ValidationResult {
    isValid: boolean;
    errors: Array<{ 'Error code': string; Message: string }>;
    errorsText: (separator?: string) => string;
  }
  export default function aslValidator(definition: unknown, options?: Options): ValidationResult;
}
