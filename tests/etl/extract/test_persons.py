from etl.extract import persons
from etl.extract.document import Document
from etl.extract.persons import find_persons, tokenize
from etl.text.normalise import normalise_text


def people(text: str) -> dict:
    text = normalise_text(text)
    return {a.name: a for a in find_persons(Document(text))}


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
    for actor in find_persons(Document(text)):
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


def test_a_name_glued_to_the_title_after_it_is_split_and_the_title_is_its_role():
    found = people("Dr. Anna KovalenkoFull Professor, University of Lviv\n\n"
                   "Ivan PetrovDeputy Minister,Ministry of Energy of the Republic of Serbia\n\n"
                   "Otto BrunnerCIO – Federal Government of Austria\n\n"
                   "General Douglas MacArthur spoke.")
    assert set(found) == {"Anna Kovalenko", "Ivan Petrov", "Otto Brunner", "Douglas MacArthur"}
    assert found["Anna Kovalenko"].role == "Full Professor"
    assert (found["Ivan Petrov"].role, found["Ivan Petrov"].affiliation) == ("Deputy Minister", "SRB")
    assert found["Otto Brunner"].role == "CIO"


def test_tokens_split_only_where_a_title_was_glued():
    assert [t.text for t in tokenize("Anna KovalenkoAdvisor met Douglas MacArthur")] == [
        "Anna", "Kovalenko", "Advisor", "met", "Douglas", "MacArthur"]


def test_a_speaker_list_of_name_title_and_organisation_lines():
    found = people("Speakers\n\nLena Hoffmann\nVice-President\nNordic Energy Foundation\n\n"
                   "Karl Weiss\nDeputy Minister\nMinistry of Energy of Austria")
    assert set(found) == {"Lena Hoffmann", "Karl Weiss"}
    assert found["Lena Hoffmann"].role == "Vice-President"
    assert (found["Karl Weiss"].role, found["Karl Weiss"].affiliation) == ("Deputy Minister", "AUT")


def test_page_furniture_and_honorific_abbreviations_are_not_people():
    found = people("Embed Size (px)\n\nCitation preview\n\n"
                   "H. E. Amb. Boris KovalAdvisor, Secretariat of the Shanghai Cooperation Organization")
    assert list(found) == ["Boris Koval"]
    assert (found["Boris Koval"].role, found["Boris Koval"].affiliation) == ("Advisor", "SCO")
    # "H. E." before a full name is His Excellency; before a surname alone it may be initials.
    assert set(people("H. E. Kairat Umarov spoke. Then H. E. Smith spoke.")) == {"Kairat Umarov", "H. E. Smith"}


def test_names_of_foundations_and_companies_are_not_people():
    found = people("Luc Martin, Vice-President, Gridpower Foundation, opened the day. The Konrad Weber Foundation "
                   "said it would help. Chief Executive of the Austrian Defence Industries Group Paul Egger spoke.")
    assert set(found) == {"Luc Martin", "Paul Egger"}


def test_particles_keep_a_name_whole():
    found = people("The guests included Emir of Qatar Khalid bin Saud Al Nuaimi and others. The delegation was "
                   "headed by Marco Di Rienzo. Later Mr Di Rienzo said the vote was calm. Experts from Le Monde, "
                   "Al Jazeera served as moderators.")
    assert set(found) == {"Khalid bin Saud Al Nuaimi", "Marco Di Rienzo"}
    assert found["Khalid bin Saud Al Nuaimi"].role == "Emir of Qatar"
    assert len(found["Marco Di Rienzo"].mentions) == 2


def test_the_last_word_of_a_title_is_not_taken_into_the_name():
    found = people("The guests included Chairman of the Bosnia and Herzegovina Presidency Milica Jovanovic, "
                   "Prime Minister of Uzbekistan Timur Karimov and others.")
    assert set(found) == {"Milica Jovanovic", "Timur Karimov"}
    assert found["Milica Jovanovic"].role == "Chairman of the Bosnia and Herzegovina Presidency"


def test_a_speaker_before_a_quotation_is_a_person(monkeypatch):
    monkeypatch.setattr(persons, "_tagger", lambda: None)  # the cue alone must do it
    found = people("Anvar Rakhimov: “Good neighbours are a moral category.” The envoy spoke in Samarkand.")
    assert "Anvar Rakhimov" in found


def test_bylines_and_passing_mentions_are_mentioned_only():
    found = people("By Timur Aliyev – Trend:\nThe mission, headed by Maria Lind, began work. The forum follows the "
                   "initiatives announced by the President of Uzbekistan Rustam Aliev at the UN. It honoured the "
                   "late President Bakyt Omarov.")
    assert found["Maria Lind"].involvement == "took-part"
    assert {name for name, a in found.items() if a.involvement == "mentioned"} == {
        "Timur Aliyev", "Rustam Aliev", "Bakyt Omarov"}


def test_photo_credits_are_mentioned_only():
    found = people("Photo: Anna Berg\nThe OSCE Secretary General Ivan Petrov met the envoy (OSCE/Micky R. Kroell)\n"
                   "By: Lena Lind, Kazinform")
    assert found["Ivan Petrov"].involvement == "took-part"
    assert {name for name, a in found.items() if a.involvement == "mentioned"} == {
        "Anna Berg", "Micky R. Kroell", "Lena Lind"}


def test_the_people_an_observed_election_is_about_are_mentioned_only():
    text = ("SCO observers, led by Secretary-General Li Wei, watched the presidential election. "
            "President Aidar Kenes won about 90 percent of the vote. His main rival, Bolat Serik, said he would "
            "go to court. The current head of state, Nurlan Tokin, cannot run for another term. "
            "Rahim Saidov, leader of the Green Party, said observers usually disagree.")
    found = people(text)
    assert found["Li Wei"].involvement == "took-part"
    assert {name for name, a in found.items() if a.involvement == "mentioned"} == {
        "Aidar Kenes", "Bolat Serik", "Nurlan Tokin", "Rahim Saidov"}
    # Met by the observers, the winner takes part.
    assert people(text + " The SCO team met Kenes on Monday.")["Aidar Kenes"].involvement == "took-part"
    # Outside an observed election, a president who won something is no election's subject.
    assert people("President Aidar Kenes won the support of the forum.")["Aidar Kenes"].involvement == "took-part"


def test_lower_case_titles_before_a_name():
    found = people("The SCO Secretariat delegation to the conference was headed by Ambassador Oleg Markov. "
                   "It was represented by expert Dina Sultanova. The count is on time, said Central Election "
                   "Commission member Aliya Serikova. The leaders will meet, head of the CIS observation mission "
                   "Pavel Orlov told the media. The session was moderated by CNN journalist Tom Baker. It was "
                   "attended by head of the UN Regional Center for Preventive Diplomacy for Central Asia Anna "
                   "Gerasimova.")
    assert found["Oleg Markov"].role == "Head of the SCO Secretariat delegation"
    assert found["Dina Sultanova"].role == "Expert"
    assert found["Aliya Serikova"].role.endswith("Election Commission member")
    assert found["Pavel Orlov"].role == "Head of the CIS observation mission"
    assert found["Tom Baker"].role == "Journalist"
    assert found["Anna Gerasimova"].role == "Head of the UN Regional Center for Preventive Diplomacy for Central Asia"


def test_roles_beside_the_name_in_lists_and_chronologies():
    found = people("The speakers included Mr Ivan Petrov, Under-Secretary-General and head of UNOCT; and others. "
                   "The Deputy Minister received the Deputy Secretary-General of the Shanghai Cooperation "
                   "Organisation, Mr Nurlan Abenov, who heads the SCO observer mission at the parliamentary "
                   "elections to be held in Tajikistan on 1 March. The SCO sent a team. It is led by Li Wei, at "
                   "that time the SCO's Secretary-General. The forum continued under the chairmanship of the "
                   "Chairman of the Halk Maslahaty of Turkmenistan, Batyr Orazov. On 19 November, Deputy Prime "
                   "Minister and Minister of Foreign Affairs of Kazakhstan Arman Serikov received the team.")
    assert found["Ivan Petrov"].role == "Under-Secretary-General"
    assert found["Nurlan Abenov"].role == "Head of the SCO observer mission"
    assert found["Li Wei"].role == "Secretary-General"
    assert found["Batyr Orazov"].role == "Chairman of the Halk Maslahaty of Turkmenistan"
    assert found["Arman Serikov"].role == "Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan"


def test_a_title_in_brackets_or_after_a_dash_in_a_speaker_list():
    found = people("Vladimir Orlov (SCO Secretary-General) said the work goes on. Anna Berg (Sweden) spoke.\n"
                   "Speakers:\nRoger Bertolli – Vice-President, Gridpower Foundation\n"
                   "Lena Lind | Deputy Minister, Ministry of Energy of Austria\n"
                   "Source: Daily Post (CIS observer mission statement)")
    assert (found["Vladimir Orlov"].role, found["Vladimir Orlov"].affiliation) == ("Secretary-General", "SCO")
    assert found["Anna Berg"].role is None
    assert found["Roger Bertolli"].role == "Vice-President"
    assert (found["Lena Lind"].role, found["Lena Lind"].affiliation) == ("Deputy Minister", "AUT")
    assert "Daily Post" not in found


def test_an_official_speaking_of_the_candidates_takes_part():
    found = people("ODIHR observers watched the presidential election. Ivan Petrov said the candidates had equal "
                   "conditions. Prime Minister Oleg Sokolov was among the candidates.")
    assert found["Ivan Petrov"].involvement == "took-part"
    assert found["Oleg Sokolov"].involvement == "mentioned"


def test_an_organisation_named_in_full_does_not_cut_the_role_after_a_name():
    found = people("One of his meetings was with Lamberto Zanetti, the Secretary General of the Organization for "
                   "Security and Co-operation in Europe, in Almaty. He will meet Dmitry Mezin, the Head of the "
                   "Shanghai Co-operation Organization’s (SCO) Secretariat, on Monday. Anna Waly, Executive "
                   "Director of the UN Office on Drugs and Crime (UNODC), spoke. The speech was given by "
                   "Vice-President of the European Commission Ms. Federica Moretti in Samarkand.")
    assert found["Lamberto Zanetti"].role == "Secretary General of the OSCE"
    assert found["Dmitry Mezin"].role == "Head of the SCO Secretariat"
    assert found["Anna Waly"].role == "Executive Director of the UN Office on Drugs and Crime"
    assert found["Federica Moretti"].role == "Vice-President of the European Commission"
