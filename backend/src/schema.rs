//! Table definitions, one `diesel::table!` per table, shared by both backends. Keep in step
//! with `migrations/sqlite` and `migrations/postgres`.

diesel::table! {
    app_meta (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    units (id) {
        id -> Integer,
        code -> Text,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<Integer>,
        school_level -> Nullable<Text>,
        grade -> Nullable<Integer>,
        school_year -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    unit_closure (ancestor_id, descendant_id) {
        ancestor_id -> Integer,
        descendant_id -> Integer,
        depth -> Integer,
    }
}

diesel::table! {
    unit_events (id) {
        id -> Integer,
        unit_id -> Integer,
        event -> Text,
        detail -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        username -> Text,
        full_name -> Text,
        search_name -> Text,
        password_hash -> Nullable<Text>,
        activation_code -> Nullable<Text>,
        disabled -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    role_grants (id) {
        id -> Integer,
        user_id -> Integer,
        role -> Text,
        unit_id -> Integer,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Integer,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Integer,
        blocked_until -> Timestamp,
    }
}

diesel::table! {
    students (user_id) {
        user_id -> Integer,
        student_code -> Text,
        birth_date -> Date,
    }
}

diesel::table! {
    enrolments (id) {
        id -> Integer,
        user_id -> Integer,
        class_id -> Integer,
        school_year -> Text,
        grade -> Integer,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    teachers (user_id) {
        user_id -> Integer,
        teacher_code -> Text,
        school_id -> Integer,
    }
}

diesel::table! {
    roster_imports (id) {
        id -> Integer,
        kind -> Text,
        file_name -> Text,
        school_year -> Text,
        by_user_id -> Nullable<Integer>,
        at -> Timestamp,
        row_count -> Integer,
        created -> Integer,
        updated -> Integer,
        moved -> Integer,
        unchanged -> Integer,
        classes_created -> Integer,
    }
}

diesel::table! {
    roster_import_units (import_id, unit_id) {
        import_id -> Integer,
        unit_id -> Integer,
    }
}

diesel::table! {
    modules (id) {
        id -> Text,
        position -> Integer,
        title -> Text,
        description -> Nullable<Text>,
        audience -> Text,
        grade_first -> Nullable<Integer>,
        grade_last -> Nullable<Integer>,
        core -> Bool,
        prerequisites -> Text,
        source_note -> Nullable<Text>,
        assessment -> Text,
        content_hash -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    lessons (id) {
        id -> Text,
        module_id -> Text,
        position -> Integer,
        title -> Text,
        minutes -> Integer,
        language -> Text,
        required -> Bool,
        file -> Text,
        body -> Text,
        translations -> Text,
        content_hash -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    lesson_media (module_id, path) {
        module_id -> Text,
        path -> Text,
        media_type -> Text,
        data -> Binary,
        content_hash -> Text,
    }
}

diesel::table! {
    lesson_progress (user_id, lesson_id) {
        user_id -> Integer,
        lesson_id -> Text,
        completed_at -> Timestamp,
    }
}

diesel::table! {
    question_categories (id) {
        id -> Integer,
        parent_id -> Nullable<Integer>,
        name -> Text,
        path -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    questions (id) {
        id -> Integer,
        category_id -> Integer,
        key -> Text,
        module_id -> Nullable<Text>,
        current_version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    question_versions (id) {
        id -> Integer,
        question_id -> Integer,
        version -> Integer,
        qtype -> Text,
        name -> Nullable<Text>,
        text -> Text,
        text_format -> Text,
        answers -> Text,
        general_feedback -> Text,
        idnumber -> Nullable<Text>,
        tags -> Text,
        source -> Nullable<Text>,
        content_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    assignments (id) {
        id -> Integer,
        module_id -> Text,
        class_id -> Integer,
        school_year -> Text,
        opens_at -> Timestamp,
        due_at -> Timestamp,
        assigned_by -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attempts (id) {
        id -> Integer,
        user_id -> Integer,
        module_id -> Text,
        school_year -> Text,
        attempt_number -> Integer,
        seed -> BigInt,
        state -> Text,
        overdue_policy -> Text,
        started_at -> Timestamp,
        deadline -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        score -> Nullable<Double>,
        max_score -> Double,
        passed -> Nullable<Bool>,
        needs_grading -> Bool,
        contest_round_id -> Nullable<Integer>,
    }
}

diesel::table! {
    attempt_slots (attempt_id, slot) {
        attempt_id -> Integer,
        slot -> Integer,
        question_version_id -> Integer,
        option_order -> Text,
        max_mark -> Double,
        response -> Nullable<Text>,
        saved_seq -> BigInt,
        saved_at -> Nullable<Timestamp>,
        mark -> Nullable<Double>,
        graded_by -> Nullable<Integer>,
        graded_at -> Nullable<Timestamp>,
        grader_comment -> Nullable<Text>,
    }
}

diesel::table! {
    module_completions (user_id, module_id, school_year) {
        user_id -> Integer,
        module_id -> Text,
        school_year -> Text,
        completed_at -> Timestamp,
        attempt_id -> Nullable<Integer>,
    }
}

diesel::table! {
    family_tasks (id) {
        id -> Integer,
        user_id -> Integer,
        school_year -> Text,
        relation -> Text,
        procedure_code -> Text,
        outcome -> Text,
        note -> Nullable<Text>,
        recorded_at -> Timestamp,
        status -> Text,
        reviewed_by -> Nullable<Integer>,
        reviewed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    search_entries (kind, item_id) {
        kind -> Text,
        item_id -> Text,
        module_id -> Nullable<Text>,
        title -> Text,
        detail -> Text,
        plain -> Text,
        folded_title -> Text,
        folded_text -> Text,
    }
}

diesel::table! {
    lesson_feedback (id) {
        id -> Integer,
        lesson_id -> Text,
        user_id -> Integer,
        rating -> Integer,
        comment -> Nullable<Text>,
        status -> Text,
        answer -> Nullable<Text>,
        answered_by -> Nullable<Integer>,
        answered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    training_members (user_id) {
        user_id -> Integer,
        member_code -> Text,
        unit_id -> Integer,
        job_group -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    training_cycles (id) {
        id -> Integer,
        unit_id -> Integer,
        year -> Integer,
        due_on -> Date,
        opened_by -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    training_cycle_modules (cycle_id, job_group, module_id) {
        cycle_id -> Integer,
        job_group -> Text,
        module_id -> Text,
        track -> Text,
    }
}

diesel::table! {
    training_completions (user_id, module_id, year) {
        user_id -> Integer,
        module_id -> Text,
        year -> Integer,
        completed_at -> Timestamp,
        attempt_id -> Nullable<Integer>,
    }
}

diesel::joinable!(role_grants -> users (user_id));
diesel::joinable!(role_grants -> units (unit_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(unit_events -> units (unit_id));
diesel::joinable!(students -> users (user_id));
diesel::joinable!(enrolments -> users (user_id));
diesel::joinable!(enrolments -> units (class_id));
diesel::table! {
    certificates (id) {
        id -> Integer,
        kind -> Text,
        user_id -> Integer,
        subject_id -> Text,
        period -> Text,
        subject_title -> Text,
        detail -> Nullable<Text>,
        learner_name -> Text,
        unit_name -> Nullable<Text>,
        issued_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        verify_code -> Text,
        revoked -> Bool,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(certificates -> users (user_id));
diesel::joinable!(teachers -> users (user_id));
diesel::joinable!(teachers -> units (school_id));
diesel::joinable!(roster_imports -> users (by_user_id));
diesel::joinable!(roster_import_units -> roster_imports (import_id));
diesel::joinable!(roster_import_units -> units (unit_id));
diesel::joinable!(lessons -> modules (module_id));
diesel::joinable!(lesson_media -> modules (module_id));
diesel::joinable!(lesson_progress -> users (user_id));
diesel::joinable!(lesson_progress -> lessons (lesson_id));
diesel::joinable!(questions -> question_categories (category_id));
diesel::joinable!(questions -> modules (module_id));
diesel::joinable!(question_versions -> questions (question_id));
diesel::joinable!(assignments -> modules (module_id));
diesel::joinable!(assignments -> units (class_id));
diesel::joinable!(attempts -> modules (module_id));
diesel::table! {
    contests (id) {
        id -> Integer,
        title -> Text,
        description -> Text,
        unit_id -> Integer,
        prediction_question -> Text,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contest_groups (id) {
        id -> Integer,
        contest_id -> Integer,
        audience -> Text,
        name -> Text,
    }
}

diesel::table! {
    contest_rounds (id) {
        id -> Integer,
        contest_id -> Integer,
        position -> Integer,
        name -> Text,
        module_id -> Text,
        tags -> Text,
        question_count -> Integer,
        time_limit_minutes -> Integer,
        attempts_rule -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        closed_by_hand -> Bool,
        prediction_truth -> Nullable<Integer>,
        qualify_rule -> Nullable<Text>,
        qualify_value -> Nullable<Double>,
        qualified_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    round_entrants (round_id, user_id) {
        round_id -> Integer,
        user_id -> Integer,
        group_id -> Integer,
        school_id -> Nullable<Integer>,
        entered_at -> Timestamp,
        qualified -> Nullable<Bool>,
    }
}

diesel::table! {
    round_predictions (attempt_id) {
        attempt_id -> Integer,
        round_id -> Integer,
        user_id -> Integer,
        prediction -> BigInt,
    }
}

diesel::joinable!(contest_groups -> contests (contest_id));
diesel::joinable!(contest_rounds -> contests (contest_id));
diesel::joinable!(round_entrants -> contest_rounds (round_id));
diesel::joinable!(round_entrants -> contest_groups (group_id));
diesel::joinable!(round_entrants -> users (user_id));
diesel::joinable!(round_predictions -> attempts (attempt_id));
diesel::joinable!(attempts -> contest_rounds (contest_round_id));
diesel::joinable!(attempt_slots -> attempts (attempt_id));
diesel::joinable!(attempt_slots -> question_versions (question_version_id));
diesel::joinable!(module_completions -> modules (module_id));
diesel::joinable!(module_completions -> attempts (attempt_id));
diesel::joinable!(lesson_feedback -> lessons (lesson_id));
diesel::joinable!(training_members -> users (user_id));
diesel::joinable!(training_members -> units (unit_id));
diesel::joinable!(training_cycles -> units (unit_id));
diesel::joinable!(training_cycle_modules -> training_cycles (cycle_id));
diesel::joinable!(training_cycle_modules -> modules (module_id));
diesel::joinable!(training_completions -> modules (module_id));

diesel::table! {
    coverage_facts (user_id, period, indicator, month) {
        user_id -> Integer,
        period -> Text,
        indicator -> Text,
        month -> Text,
        unit_id -> Integer,
        segment -> Integer,
        numerator -> BigInt,
        denominator -> BigInt,
    }
}

diesel::table! {
    coverage_counts (unit_id, period, indicator, segment) {
        unit_id -> Integer,
        period -> Text,
        indicator -> Text,
        segment -> Integer,
        numerator -> BigInt,
        denominator -> BigInt,
    }
}

diesel::table! {
    coverage_monthly (unit_id, period, indicator, month) {
        unit_id -> Integer,
        period -> Text,
        indicator -> Text,
        month -> Text,
        numerator -> BigInt,
    }
}

diesel::table! {
    coverage_targets (indicator, period) {
        indicator -> Text,
        period -> Text,
        target -> Double,
    }
}

diesel::table! {
    coverage_settings (key) {
        key -> Text,
        value -> Double,
    }
}

diesel::table! {
    creative_contests (id) {
        id -> Integer,
        unit_id -> Integer,
        title -> Text,
        kind -> Text,
        description -> Text,
        submission_opens_at -> Timestamp,
        submission_closes_at -> Timestamp,
        team_size_max -> Integer,
        max_file_bytes -> BigInt,
        judges_per_entry -> Integer,
        aggregation -> Text,
        disagreement_threshold -> Double,
        prize_first -> Integer,
        prize_second -> Integer,
        prize_third -> Integer,
        prize_merit -> Integer,
        popular_vote -> Bool,
        published_at -> Nullable<Timestamp>,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rubric_criteria (id) {
        id -> Integer,
        contest_id -> Integer,
        position -> Integer,
        name -> Text,
        weight -> Integer,
        scale_max -> Integer,
        guidance -> Text,
    }
}

diesel::table! {
    contest_judges (contest_id, judge_id) {
        contest_id -> Integer,
        judge_id -> Integer,
    }
}

diesel::table! {
    entries (id) {
        id -> Integer,
        contest_id -> Integer,
        school_id -> Integer,
        title -> Text,
        statement -> Text,
        video_url -> Nullable<Text>,
        status -> Text,
        created_by -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        prize -> Nullable<Text>,
        final_rank -> Nullable<Integer>,
        final_score -> Nullable<Double>,
    }
}

diesel::table! {
    entry_members (entry_id, user_id) {
        entry_id -> Integer,
        user_id -> Integer,
    }
}

diesel::table! {
    entry_files (id) {
        id -> Integer,
        entry_id -> Integer,
        storage_key -> Text,
        thumb_key -> Nullable<Text>,
        media_type -> Text,
        byte_size -> BigInt,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    judging_assignments (id) {
        id -> Integer,
        entry_id -> Integer,
        judge_id -> Integer,
        source -> Text,
        comment -> Nullable<Text>,
        created_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    judging_scores (assignment_id, criterion_id) {
        assignment_id -> Integer,
        criterion_id -> Integer,
        score -> Integer,
    }
}

diesel::table! {
    judge_conflicts (judge_id, entry_id) {
        judge_id -> Integer,
        entry_id -> Integer,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    popular_votes (entry_id, user_id) {
        entry_id -> Integer,
        user_id -> Integer,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    app_meta,
    units,
    unit_closure,
    unit_events,
    users,
    role_grants,
    sessions,
    login_throttle,
    students,
    enrolments,
    teachers,
    roster_imports,
    roster_import_units,
    modules,
    lessons,
    lesson_media,
    lesson_progress,
    question_categories,
    questions,
    question_versions,
    assignments,
    attempts,
    attempt_slots,
    module_completions,
    family_tasks,
    search_entries,
    lesson_feedback,
    coverage_facts,
    coverage_counts,
    coverage_monthly,
    coverage_targets,
    coverage_settings,
    training_members,
    training_cycles,
    training_cycle_modules,
    training_completions,
    certificates,
    contests,
    contest_groups,
    contest_rounds,
    round_entrants,
    round_predictions,
    creative_contests,
    rubric_criteria,
    contest_judges,
    entries,
    entry_members,
    entry_files,
    judging_assignments,
    judging_scores,
    judge_conflicts,
    popular_votes,
);
