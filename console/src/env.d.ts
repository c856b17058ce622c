/// <reference types="vite/client" />
declare module 'virtual:dsfr-icons.css';
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
