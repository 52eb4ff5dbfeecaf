import { useLocation } from 'react-router';
import { LANGS, type Lang } from '../../../domain/languages.js';
import { useSiteOrigin } from '../../app/site.js';
import shareCard from '../../assets/share-card.png';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from './useLang.js';

/**
 * A page's <head>: its title and description, its canonical address and the same page in each
 * language (hreflang; x-default is the address without a language, which the server sends to the
 * reader's), and what a link preview shows (Open Graph, Twitter card). React hoists every element
 * into <head>, on the server (http/page-renderer.ts) and in the browser.
 */
export function PageMeta({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const origin = useSiteOrigin();
  const { pathname } = useLocation();
  const rest = pathname.replace(/^\/[^/]*/, '') || '/';
  const address = (in_?: Lang) => `${origin}${in_ ? `/${in_}` : ''}${rest}`;
  const image = `${origin}${shareCard}`;
  return (
    <>
      <title>{`${title} · ${t('brand.short')}`}</title>
      <meta name="description" content={description} />
      <link rel="canonical" href={address(lang)} />
      {LANGS.map((other) => (
        <link key={other} rel="alternate" hrefLang={other} href={address(other)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={address()} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={t('brand.short')} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={address(lang)} />
      <meta property="og:image" content={image} />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={image} />
    </>
  );
}

/** schema.org data about the page's subject, for search engines; `<` is escaped so no text in it
 * can end the script. A script of this type is data: it never runs, whatever the CSP. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON, escaped above; React would escape its quotes.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
