/* The currencies the pickers offer, shared by browser and server. */

/** The partnership's usual currencies, first in every picker. */
export const COMMON_CURRENCIES = [
  "USD",
  "EUR",
  "JPY",
  "AUD",
  "CAD",
  "GBP",
  "KRW",
  "INR",
  "MXN",
] as const;
/** Active ISO 4217 codes, as private.is_currency_code() accepts them; the usual ones first. */
export const CURRENCIES = [
  ...COMMON_CURRENCIES,
  // i18n-exempt: ISO 4217 codes, the same in every language.
  ...`AED AFN ALL AMD ANG AOA ARS AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CDF CHF
  CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB FJD FKP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
  IDR ILS IQD IRR ISK JMD JOD KES KGS KHR KMF KPW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
  MOP MRU MUR MVR MWK MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
  SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX UYU UZS
  VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG`.split(/\s+/),
] as const;
