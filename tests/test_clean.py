from newsgraph.ingest.clean import clean_text


def test_seed_cleaning(seed_text):
    c = clean_text(seed_text)
    assert c.title == "NATO Wants to Expand to Asia, Here’s Russia’s Response"
    assert c.credited_source == "CNBC"
    assert len(c.paragraphs) == 10
    assert c.duplicates_removed == 3
    for furniture in ("Home »", "Asia Defense Global News News", "Source : CNBC", "Translate"):
        assert furniture not in c.text
    assert "Translate" in c.boilerplate and "Source : CNBC" in c.boilerplate
    assert c.paragraphs[0].startswith("The NATO military alliance is said")
    assert c.paragraphs[-1].startswith("Hayashi called Russia’s attack")


def test_offsets_map_back_to_raw(seed_text):
    c = clean_text(seed_text)
    for para_start in (0, c.text.index("General Viktor"), c.text.index("Hayashi called")):
        raw = c.offsets.to_raw(para_start)
        assert seed_text[raw : raw + 20] == c.text[para_start : para_start + 20]
    # The last paragraph comes after the duplicated ones in the raw text.
    last = c.text.index("Hayashi called")
    assert c.offsets.to_raw(last) == seed_text.index("Hayashi called")


def test_credit_prefix_and_suffix():
    c = clean_text("KYIV, Ukraine (AP) — Ukrainian forces said on Monday they had retaken two villages. -- AFP")
    assert c.credited_source == "AP"
    # the dateline stays (it opens the story as published); the trailing credit goes
    assert c.paragraphs == ["KYIV, Ukraine (AP) — Ukrainian forces said on Monday they had retaken two villages."]
    assert "-- AFP" in c.boilerplate


def test_widgets_and_read_also_lines_dropped():
    text = (
        "Share\n\nThe minister said the talks would resume next week in Geneva, officials confirmed.\n\n"
        "Read also: Another story about something else\n\nAdvertisement\n\n"
        "Both sides agreed to a ceasefire that will hold until the end of the month at least.\n\n"
        "Reporting by Jane Doe; Editing by John Roe"
    )
    c = clean_text(text, title="Talks to resume")
    assert len(c.paragraphs) == 2
    assert "Read also" not in c.text and "Advertisement" not in c.text and "Reporting by" not in c.text


def test_near_duplicate_run_removed():
    p = "The foreign ministers of both countries met in Jakarta on Tuesday to discuss maritime security and trade."
    q = "Officials said the talks would continue next month in Manila, where a joint statement is expected."
    other = "Something else entirely happened in the capital later that day, witnesses told reporters there."
    # a reprinted block with small differences: a run of two near-duplicates
    text = "\n\n".join([p, q, other, p.replace("Tuesday", "Tuesday,"), q.replace("Manila", "Manila,")])
    c = clean_text(text)
    assert c.duplicates_removed == 2
    assert c.paragraphs == [p, q, other]


def test_hard_wrapped_text_joined():
    text = (
        "The delegation arrived in Brussels on Monday for talks with officials of the\n"
        "European Union about the new trade agreement, which has been negotiated for\n"
        "more than three years and is expected to be signed next spring.\n"
    )
    c = clean_text(text)
    assert len(c.paragraphs) == 1
    assert "of the European Union" in c.text
    assert c.offsets.to_raw(0) == 0


def test_mojibake_fixed():
    c = clean_text("The ministerâ€™s statement was welcomed by the allies in Brussels last week.")
    assert "minister’s" in c.text


def test_translation_traces(seed_text):
    from newsgraph.ingest.translation import translated_from, translation_evidence

    evidence = translation_evidence(seed_text)
    assert "Menlu" in evidence["id"] and evidence["*"] == ["North Korea (North Korea)"]
    assert translated_from(seed_text, "en") == "id"
    plain = "The minister said on Tuesday that North Korea (DPRK) had fired a missile, officials in Seoul said."
    assert translated_from(plain, "en") is None


def test_short_repeated_lines_are_content_but_repeated_runs_are_not():
    item = "See it now: Amazon"
    dish = "Asparagus and eggs with one cup of asparagus and two soft boiled eggs on toast"
    text = "\n\n".join(
        [
            "The best gifts of the year, chosen by our editors after weeks of testing in the office and at home.",
            "A warm scarf",
            item,
            dish,
            "A good book",
            item,
            "Lunch: soup",
            dish,
        ]
    )
    c = clean_text(text, title="Gifts")
    assert c.duplicates_removed == 0 and c.paragraphs.count(item) == 2 and c.paragraphs.count(dish) == 2


def test_breadcrumb_needs_a_trail():
    line = "そして表示されるメニューから「その他」→「ファイルの場所を開く」を選びます。"
    c = clean_text(f"{line}\n\nThe second paragraph of the article explains the rest of the procedure in detail.")
    assert line in c.paragraphs
    c = clean_text("World › Asia › Japan\n\nThe prime minister said on Monday that the budget would grow next year.")
    assert c.boilerplate == ["World › Asia › Japan"]


def test_a_one_line_text_is_its_own_body_also_when_cleaned_again_with_its_title():
    from newsgraph.ingest.clean import clean_text

    first = clean_text("NATO leaders meet in Vilnius")
    assert first.text == "NATO leaders meet in Vilnius"
    assert clean_text(first.text, title=first.title).text == first.text
    # punctuation is no word: a credit fragment is no sentence-long body (found by the cleaner's fuzz test)
    assert clean_text('" - (AP) ').text == ""
