from etl.extract.persons import find_persons, tokenize
from etl.text.normalise import normalise_text
from etl.text.sentences import split_sentences


def people(text: str) -> dict:
    text = normalise_text(text)
    return {a.name: a for a in find_persons(text, split_sentences(text))}


def test_role_before_the_name_gives_role_and_affiliation():
    found = people("On 24 June 2020 SCO Secretary-General Vladimir Norov took part in the conference.")
    assert list(found) == ["Vladimir Norov"]
    assert found["Vladimir Norov"].role == "Secretary-General"
    assert found["Vladimir Norov"].affiliation == "SCO"


def test_role_after_the_name():
    found = people("Thomas Greminger, the OSCE Secretary General, opened the meeting.")
    assert found["Thomas Greminger"].role == "Secretary General"
    assert found["Thomas Greminger"].affiliation == "OSCE"


def test_ranks_honorifics_and_initials():
    found = people("Colonel General Evgeny Sysoev spoke. Ambassador Kairat Sarybay listened. "
                   "H. Schmid attended. The team was led by US Ambassador Robert L. Barry.")
    assert found["Evgeny Sysoev"].role == "Colonel General"
    assert found["Kairat Sarybay"].role == "Ambassador"
    assert "H. Schmid" in found
    # The function the report names wins over a rank: "led by" makes him head of the team.
    assert found["Robert L. Barry"].role == "Head of the team"


def test_later_mentions_count_toward_the_same_person():
    found = people("SCO Secretary-General Vladimir Norov spoke first. Mr Norov then thanked the hosts. "
                   "The Secretary-General stressed dialogue.")
    assert list(found) == ["Vladimir Norov"]
    assert [m.text for m in found["Vladimir Norov"].mentions] == ["Vladimir Norov", "Norov", "Secretary-General"]


def test_places_and_regions_are_not_people():
    text = ("SCO and OSCE are the largest associations in Eurasia. The forthcoming SCO Summit in St Petersburg "
            "will discuss it. Central Asia matters. The Organization for Security and Co-operation in Europe "
            "met in New York.")
    assert people(text) == {}


def test_a_person_in_no_list_is_found_by_speech_verb():
    found = people("Zhanar Kulmukhambetova said the observers were welcome.")
    assert "Zhanar Kulmukhambetova" in found


def test_a_capitalised_pair_without_evidence_is_not_a_person():
    assert people("Polling Stations were busy early in the morning.") == {}


def test_role_written_before_a_comma_and_name():
    found = people("The Director of the RATS SCO Executive Committee, Yevgeny Sysoyev, spoke.")
    assert found["Yevgeny Sysoyev"].role.startswith("Director of the")
    assert found["Yevgeny Sysoyev"].affiliation == "SCO RATS"


def test_mentions_point_into_the_text():
    text = normalise_text("Russian Foreign Minister Sergey Lavrov met Mr Lavrov's guests. Lavrov said yes.")
    for actor in find_persons(text, split_sentences(text)):
        for span in actor.mentions:
            assert text[span.start:span.end] == span.text


def test_tokens_keep_the_stop_of_initials():
    assert [t.text for t in tokenize("Robert L. Barry and Mr. Smith.")] == [
        "Robert", "L.", "Barry", "and", "Mr.", "Smith"]


def test_a_function_before_the_comma_wins_over_a_rank():
    found = people("The head of the OSCE Programme Office in Dushanbe, Ambassador Valeriu Chiveri, spoke.")
    assert found["Valeriu Chiveri"].role == "Head of the OSCE Programme Office in Dushanbe"
    assert found["Valeriu Chiveri"].affiliation == "OSCE"


def test_full_organisation_names_in_roles_are_shortened_but_bodies_are_kept():
    found = people("It was led by the Secretary-General of the Shanghai Cooperation Organization, Zhang Ming. "
                   "The Director of the OSCE Conflict Prevention Centre Tuula Yrjölä noted it.")
    assert found["Zhang Ming"].role == "Secretary-General of the SCO"
    assert found["Tuula Yrjölä"].role == "Director of the OSCE Conflict Prevention Centre"


def test_led_by_and_as_head_give_head_roles():
    found = people("The SCO mission was led by Secretary-General of the organization Muratbek Imanaliev. "
                   "ODIHR opened its mission with Cornelia Jonker as head of mission. "
                   "Claude Haagen was Special Co-ordinator of the short-term observers. "
                   "The speakers included the head of the UN Assistance Mission in Afghanistan (UNAMA), Jan Kubis.")
    assert found["Muratbek Imanaliev"].role.startswith("Secretary-General")
    assert found["Cornelia Jonker"].role == "Head of mission"
    assert found["Claude Haagen"].role.startswith("Special Co-ordinator")
    assert found["Jan Kubis"].role == "Head of the UN Assistance Mission in Afghanistan"


def test_initials_alone_and_mastheads_are_not_people():
    assert people("The U. S. delegation said so. *Eurasian Election Monitor · Mission notes*") == {}


def test_a_role_of_an_organisation_spelled_out_before_the_name():
    found = people("Speakers included Secretary General of the Organization for Security and Co-operation in "
                   "Europe Feridun Sinirlioğlu.")
    assert found["Feridun Sinirlioğlu"].role == "Secretary General of the OSCE"
    assert found["Feridun Sinirlioğlu"].affiliation == "OSCE"


def test_it_was_headed_by_takes_the_body_from_the_sentence_before():
    found = people("The OSCE/ODIHR Election Observation Mission was opened on 7 September 2010.\n"
                   "It was headed by Corien Jonker and had 17 experts.")
    assert found["Corien Jonker"].role == "Head of the OSCE/ODIHR Election Observation Mission"


def test_names_without_a_cue_are_confirmed_by_the_tagger_on_their_sentence_only():
    found = people("ODIHR deployed 14 long-term observers. Two of these, Milos Antic and Marketa Nekvidova, "
                   "were assigned to Andijan region. The conference on Violent Extremism met in the Tauride Palace.")
    assert {"Milos Antic", "Marketa Nekvidova"} <= set(found)
    assert not {"Violent Extremism", "Tauride Palace"} & set(found)


def test_a_weak_first_mention_counts_once_the_name_is_known():
    found = people("Zhang Ming arrived on Monday. SCO Secretary-General Zhang Ming then opened the session.")
    assert [m.text for m in found["Zhang Ming"].mentions] == ["Zhang Ming", "Zhang Ming"]
    assert found["Zhang Ming"].evidence == "Zhang Ming arrived on Monday."


def test_head_roles_from_fronted_and_distant_headed_by():
    found = people("The OSCE Office deployed its Election Observation Mission on 25 September. Headed by Douglas "
                   "Wake, the mission consisted of a core team. ODIHR had opened an election observation mission "
                   "on June 8, headed by Radmila Sekerinska. The vote was organised by the Central Commission for "
                   "Elections and Referenda of the Kyrgyz Republic, chaired by Nurzhan Shaildabekova.")
    assert found["Douglas Wake"].role == "Head of the mission"
    assert found["Radmila Sekerinska"].role == "Head of the election observation mission"
    assert found["Nurzhan Shaildabekova"].role == (
        "Chair of the Central Commission for Elections and Referenda of the Kyrgyz Republic")


def test_a_definite_function_beside_the_name_wins_an_indefinite_one_loses():
    found = people("ODIHR set up a core team headed by Ambassador Robert L. Barry, the Head of the Election "
                   "Observation Mission. The SCO sent an observer team chaired by Sergei Kryuchek, a member of "
                   "Russia's State Duma.")
    assert found["Robert L. Barry"].role == "Head of the Election Observation Mission"
    assert found["Sergei Kryuchek"].role == "Chair of the observer team"


def test_a_verb_after_who_is_no_role():
    found = people("Among the guests was the Secretary General of the Collective Security Treaty Organization "
                   "(CSTO), Stanislav Zas, who was received by Tajik President Emomali Rahmon on Tuesday.")
    assert found["Stanislav Zas"].role == "Secretary General of the CSTO"
    assert found["Emomali Rahmon"].role == "President"
