"""UK phone numbers, parsed, checked and formatted with `phonenumbers` (libphonenumber's data, which
Android uses), so a number is valid exactly when the numbering plan says so, not when a hand-kept
table of ranges agrees.

One `tel:` form everywhere: E.164 (`tel:+448001111`). RFC 3966 asks for the global form where a
number has one, and it is the form that also connects from a phone with a foreign SIM card, which
many readers of the translated pages have. Short codes (999, 111, 116 123 ...) have no global form
and work only inside the UK: they are an explicit list and dial as written."""
from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# Every short code the site may link, by its digits: the list is short and each entry is checked by
# a person (settings/helplines.yml, verified_on). libphonenumber's short-number data is not used:
# 18001 and 18000 (Relay UK prefixes) are not short numbers to it.
SHORT_CODES = {
    "999": "emergency services",
    "111": "NHS 111, NHS 111 Wales and NHS 24",
    "116123": "Samaritans",
    "85258": "Shout (text)",
    "18001111": "NHS 111 through Relay UK",
    "18000": "emergency services through Relay UK (text relay)",
}
# Numbers the +44 plan shares with the Crown Dependencies are dialled the same way from the UK.
UK_REGIONS = {"GB", "GG", "JE", "IM"}
# A patient must never be sent to a premium-rate line.
REFUSED_TYPES = {PhoneNumberType.PREMIUM_RATE: "a premium-rate number (09)"}
EXAMPLE = "write it like 020 7946 0000, 0800 1111 or +44 20 7946 0000"


@dataclass(frozen=True)
class UKNumber:
    digits: str           # as dialled inside the UK: 08001111, 116123
    e164: str | None      # +448001111; None for a short code
    display: str          # 0800 1111, 116 123

    @property
    def tel(self) -> str:
        """What a tel: or sms: link dials."""
        return self.e164 or self.digits

    @property
    def is_short_code(self) -> bool:
        return self.e164 is None


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def parse(text: object, *, as_written: bool = False) -> UKNumber:
    """A UK number written in any common way, shown in the national format, or `as_written` (how an
    organisation writes its own number, 0800 83 85 87, which readers know from its posters). Raises
    ValueError saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{text!r} is not a phone number written as text ({EXAMPLE})")
    if any(ch.isalpha() for ch in text):
        raise ValueError(f"{text!r} holds letters, which a phone number does not have ({EXAMPLE})")
    digits = digits_of(text)
    if digits in SHORT_CODES and not text.strip().startswith("+"):
        return UKNumber(digits, None, text.strip())
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"{text!r} is not a phone number ({error}; {EXAMPLE})") from None
    if number.country_code != 44:
        raise ValueError(f"{text!r} is not a UK number: it has the country code +{number.country_code}")
    if not phonenumbers.is_valid_number(number) or phonenumbers.region_code_for_number(number) not in UK_REGIONS:
        raise ValueError(f"{text!r} is not a valid UK phone number: the UK numbering plan has no such "
                         f"number (check the digits and how many there are; {EXAMPLE})")
    refused = REFUSED_TYPES.get(phonenumbers.number_type(number))
    if refused:
        raise ValueError(f"{text!r} is {refused}, which this site never links")
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return UKNumber(digits_of(national), phonenumbers.format_number(number, PhoneNumberFormat.E164),
                    text.strip() if as_written else national)
