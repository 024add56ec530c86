// Progressive enhancement only: the form works the same without it. govuk-frontend's components
// (conditional reveal of the "acting for you" fields, error summary focus, double-click guard).
import { initAll } from './govuk-frontend.min.js';

initAll();
