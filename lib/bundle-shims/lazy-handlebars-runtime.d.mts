// lazy-handlebars-runtime.mjs stands in for handlebars/runtime and has its shape.
import HandlebarsRuntime from 'handlebars/runtime';
export default HandlebarsRuntime;
